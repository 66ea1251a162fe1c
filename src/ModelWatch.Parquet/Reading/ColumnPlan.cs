using System.Globalization;
using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ParquetSharp;
using ParquetSharp.Schema;

namespace ModelWatch.Parquet.Reading;

/// <summary>Which columns of a Parquet file are profiled, as what: from its schema and the options.</summary>
internal static class ColumnPlan
{
    /// <summary>The top-level fields of a file's schema, in order.</summary>
    public static FileColumn[] ColumnsOf(SchemaDescriptor schema)
    {
        using var root = schema.GroupNode;
        var fields = root.Fields;
        var columns = new FileColumn[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            using var field = fields[i];
            columns[i] = Describe(schema, field);
        }

        return columns;
    }

    /// <summary>Plans the columns to read.</summary>
    /// <exception cref="ParquetProfileException">An option names a column the file lacks, or twice; a column to read has a type that cannot be profiled (as asked); nothing is left to read.</exception>
    public static PlannedColumn[] Create(FileColumn[] columns, ParquetProfileOptions options, string source)
    {
        string[] names = [.. columns.Select(c => c.Name)];
        var kinds = new FeatureKind?[columns.Length];
        var isPrediction = new bool[columns.Length];
        if (options.ColumnsFrom is { } reference)
        {
            var missing = new List<string>();
            foreach (var feature in reference.Features)
            {
                int i = Array.IndexOf(names, feature.Name);
                if (i < 0)
                {
                    missing.Add(feature.Name);
                    continue;
                }

                kinds[i] = feature.Kind;
                isPrediction[i] = feature.IsPrediction;
            }

            if (missing.Count > 0)
            {
                throw new ParquetProfileException($"{source}: no column {Quote(missing)}, which the reference profile has (the file's columns: {Quote(names)}).");
            }
        }
        else
        {
            var assigned = new Dictionary<string, string>(StringComparer.Ordinal);
            var forced = new FeatureKind?[columns.Length];
            var ignored = new bool[columns.Length];
            Apply(options.Numeric, "--numeric", i => forced[i] = FeatureKind.Numeric);
            Apply(options.Categorical, "--categorical", i => forced[i] = FeatureKind.Categorical);
            Apply(options.Ignore, "--ignore", i => ignored[i] = true);
            var selected = new bool[columns.Length];
            foreach (string name in options.Columns)
            {
                selected[IndexOf(name, "--columns")] = true;
                if (options.Ignore.Contains(name))
                {
                    throw new ParquetProfileException($"Column '{name}' is given to both --columns and --ignore.");
                }
            }

            int prediction = -1;
            if (options.Prediction is { } predictionName)
            {
                prediction = IndexOf(predictionName, "--prediction");
                selected[prediction] = true;
                if (ignored[prediction])
                {
                    throw new ParquetProfileException($"Column '{predictionName}' is given to both --prediction and --ignore.");
                }
            }
            else if (Array.IndexOf(names, ModelSchema.PredictionColumn) is >= 0 and int i && !ignored[i])
            {
                // ModelSchema reserves the name for the prediction, so a column of that name is one.
                prediction = i;
            }

            foreach (string name in options.SegmentBy)
            {
                // Checked by SegmentColumns first: present, of a type that names segments, neither ignored, numeric nor the prediction.
                int i = IndexOf(name, "--segment-by");
                forced[i] = FeatureKind.Categorical;
                selected[i] = true;
            }

            bool onlySelected = options.Columns.Count > 0;
            for (int i = 0; i < columns.Length; i++)
            {
                bool named = selected[i] || forced[i] is not null;
                if (ignored[i] || (onlySelected && !named))
                {
                    continue;
                }

                var type = columns[i].Type;
                kinds[i] = forced[i] ?? (type.IsNumericByDefault ? FeatureKind.Numeric : FeatureKind.Categorical);
                isPrediction[i] = i == prediction;
            }

            void Apply(IEnumerable<string> list, string option, Action<int> set)
            {
                foreach (string name in list)
                {
                    int i = IndexOf(name, option);
                    if (assigned.TryGetValue(name, out string? other) && other != option)
                    {
                        throw new ParquetProfileException($"Column '{name}' is given to both {other} and {option}.");
                    }

                    assigned[name] = option;
                    set(i);
                }
            }

            int IndexOf(string name, string option)
            {
                int i = Array.IndexOf(names, name);
                return i >= 0 ? i : throw new ParquetProfileException($"{option}: {source} has no column '{name}' (its columns: {Quote(names)}).");
            }
        }

        var planned = new List<PlannedColumn>();
        for (int i = 0; i < columns.Length; i++)
        {
            if (kinds[i] is not { } kind)
            {
                continue;
            }

            Check(columns[i], kind, options.ColumnsFrom is not null, source);
            planned.Add(new PlannedColumn(columns[i], kind, isPrediction[i]));
        }

        var duplicate = planned.GroupBy(c => c.Source.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ParquetProfileException($"{source}: the schema names column '{duplicate.Key}' more than once.");
        }

        if (planned.Count == 0)
        {
            throw new ParquetProfileException($"{source}: no column left to profile.");
        }

        return [.. planned];
    }

    /// <summary>
    /// The columns of <see cref="ParquetProfileOptions.SegmentBy"/>, in its order, checked before the
    /// columns are planned (<see cref="Create"/> then profiles them as categorical).
    /// </summary>
    /// <exception cref="ParquetProfileException">A segment column is missing or listed twice; has a type that does not name segments (floating-point, decimal, or not profiled at all); is ignored, declared numeric or the prediction; or, reading with a reference's columns, is not one of its categorical columns.</exception>
    public static FileColumn[] SegmentColumns(FileColumn[] columns, ParquetProfileOptions options, string source)
    {
        var segments = new FileColumn[options.SegmentBy.Count];
        for (int s = 0; s < segments.Length; s++)
        {
            string name = options.SegmentBy[s];
            int i = Array.FindIndex(columns, c => c.Name == name);
            if (i < 0)
            {
                throw new ParquetProfileException($"--segment-by: {source} has no column '{name}' (its columns: {Quote(columns.Select(c => c.Name))}).");
            }

            if (options.SegmentBy.Take(s).Contains(name, StringComparer.Ordinal))
            {
                throw new ParquetProfileException($"--segment-by lists '{name}' twice.");
            }

            var type = columns[i].Type;
            if (type.Kind is not (ValueKind.Text or ValueKind.Boolean or ValueKind.Int32 or ValueKind.UInt32 or ValueKind.Int64 or ValueKind.UInt64))
            {
                string what = columns[i].Leaf < 0 ? $"{type.Description} (nested)" : type.Description;
                throw new ParquetProfileException($"--segment-by: column '{name}' of {source} is {what}; segments are named by the values of a string, enum, integer or boolean column.");
            }

            if (options.ColumnsFrom is { } reference)
            {
                var feature = reference.Find(name);
                if (feature is null || feature.Kind != FeatureKind.Categorical || feature.IsPrediction)
                {
                    string why = feature is null ? "the reference profile has no such column" : feature.IsPrediction ? "the reference profile has it as the prediction" : "the reference profile has it numeric";
                    throw new ParquetProfileException($"--segment-by '{name}': {why}; segments are named by a categorical column the reference profiled (profile it with --segment-by {name}).");
                }
            }
            else
            {
                if (options.Ignore.Contains(name))
                {
                    throw new ParquetProfileException($"--segment-by '{name}': the column is ignored; segment by a column that is profiled.");
                }

                if (options.Numeric.Contains(name))
                {
                    throw new ParquetProfileException($"--segment-by '{name}': the column is declared numeric; segments are named by categorical values.");
                }

                if (options.Prediction == name || (options.Prediction is null && name == ModelSchema.PredictionColumn))
                {
                    throw new ParquetProfileException($"--segment-by '{name}': the prediction cannot name the segments.");
                }
            }

            segments[s] = columns[i];
        }

        return segments;
    }

    private static void Check(FileColumn column, FeatureKind kind, bool fromReference, string source)
    {
        var type = column.Type;
        if (type.Kind is null)
        {
            string why = column.Leaf < 0
                ? $"is {type.Description} (nested); ModelWatch profiles flat columns of numbers, text and booleans"
                : $"has type {type.Description}, which ModelWatch does not profile";
            string fix = fromReference ? "the reference profile has it; profile the reference without it" : $"--ignore {column.Name} leaves it out";
            throw new ParquetProfileException($"{source}: column '{column.Name}' {why}; {fix}.");
        }

        if (kind == FeatureKind.Numeric && !type.CanBeNumeric)
        {
            throw new ParquetProfileException(fromReference
                ? $"{source}: column '{column.Name}' is {type.Description}, but the reference profile has it numeric."
                : $"--numeric: column '{column.Name}' of {source} is {type.Description}; only floating-point, integer and decimal columns can be numeric.");
        }

        if (kind == FeatureKind.Categorical && !type.CanBeCategorical)
        {
            throw new ParquetProfileException(fromReference
                ? $"{source}: column '{column.Name}' is {type.Description}, but the reference profile has it categorical."
                : $"--categorical: column '{column.Name}' of {source} is {type.Description}; only string, enum, boolean and integer columns can be categorical.");
        }
    }

    private static FileColumn Describe(SchemaDescriptor schema, Node field)
    {
        if (field is GroupNode group)
        {
            using var logical = group.LogicalType;
            string what = logical.Type switch
            {
                LogicalTypeEnum.List => "a list",
                LogicalTypeEnum.Map => "a map",
                _ => string.Create(CultureInfo.InvariantCulture, $"a struct of {group.FieldCount} field{(group.FieldCount == 1 ? string.Empty : "s")}"),
            };
            return new FileColumn(field.Name, -1, new ColumnType(null, what), 0);
        }

        if (field.Repetition == Repetition.Repeated)
        {
            return new FileColumn(field.Name, -1, new ColumnType(null, "a repeated field (a list)"), 0);
        }

        int leaf = schema.ColumnIndex(field);
        var descriptor = schema.Column(leaf);
        return new FileColumn(field.Name, leaf, ColumnType.Of(descriptor), descriptor.MaxDefinitionLevel);
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}

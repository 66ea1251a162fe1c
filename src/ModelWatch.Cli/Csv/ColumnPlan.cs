using System.Globalization;
using ModelWatch.Drift;
using ModelWatch.Monitoring;

namespace ModelWatch.Cli.Csv;

/// <summary>What happens to each column of a CSV file, from its header and the options.</summary>
internal sealed class ColumnPlan
{
    private ColumnPlan(string[] names, ColumnRole[] roles, bool[] isPrediction)
    {
        Names = names;
        Roles = roles;
        IsPrediction = isPrediction;
    }

    /// <summary>Gets the column names (an empty header cell is named <c>column</c>N, N counted from 1).</summary>
    public string[] Names { get; }

    /// <summary>Gets each column's role.</summary>
    public ColumnRole[] Roles { get; }

    /// <summary>Gets whether each column is the model's prediction.</summary>
    public bool[] IsPrediction { get; }

    /// <summary>Plans the columns of a file.</summary>
    /// <exception cref="CliException">An option names a column the file does not have, or names one twice, or the header repeats a name.</exception>
    public static ColumnPlan Create(IReadOnlyList<string> header, CsvReadOptions options, string source)
    {
        var names = new string[header.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = string.IsNullOrWhiteSpace(header[i]) ? string.Create(CultureInfo.InvariantCulture, $"column{i + 1}") : header[i];
        }

        var roles = new ColumnRole[names.Length];
        var isPrediction = new bool[names.Length];
        if (options.Schema is { } schema)
        {
            var missing = new List<string>();
            foreach (var column in schema)
            {
                int i = Array.IndexOf(names, column.Name);
                if (i < 0)
                {
                    missing.Add(column.Name);
                    continue;
                }

                roles[i] = column.Kind == FeatureKind.Numeric ? ColumnRole.Numeric : ColumnRole.Categorical;
                isPrediction[i] = column.IsPrediction;
            }

            if (missing.Count > 0)
            {
                throw new CliException($"{source}: no column {Quote(missing)}, which the reference profile has (the file's columns: {Quote(names)}).");
            }
        }
        else
        {
            Array.Fill(roles, ColumnRole.Undecided);
            var assigned = new Dictionary<string, string>(StringComparer.Ordinal);
            Apply(options.Numeric, "--numeric", ColumnRole.Numeric);
            Apply(options.Categorical, "--categorical", ColumnRole.Categorical);
            Apply(options.Ignore, "--ignore", ColumnRole.Ignored);
            var named = new bool[names.Length];
            foreach (string name in options.Columns)
            {
                named[IndexOf(name, "--columns")] = true;
                if (options.Ignore.Contains(name))
                {
                    throw new CliException($"Column '{name}' is given to both --columns and --ignore.");
                }
            }

            if (options.Prediction is { } prediction)
            {
                int i = IndexOf(prediction, "--prediction");
                if (roles[i] == ColumnRole.Ignored)
                {
                    throw new CliException($"Column '{prediction}' is given to both --prediction and --ignore.");
                }

                isPrediction[i] = true;
                named[i] = true;
            }
            else
            {
                // ModelSchema reserves the name for the prediction, so a column of that name is one.
                int i = Array.IndexOf(names, ModelSchema.PredictionColumn);
                if (i >= 0 && roles[i] != ColumnRole.Ignored)
                {
                    isPrediction[i] = true;
                }
            }

            if (options.Columns.Count > 0)
            {
                // Only the columns named by --columns (or by --numeric, --categorical, --prediction) are read.
                for (int i = 0; i < names.Length; i++)
                {
                    if (!named[i] && !assigned.ContainsKey(names[i]))
                    {
                        roles[i] = ColumnRole.Ignored;
                        isPrediction[i] = false;
                    }
                }
            }

            void Apply(IEnumerable<string> columns, string option, ColumnRole role)
            {
                foreach (string name in columns)
                {
                    int i = IndexOf(name, option);
                    if (assigned.TryGetValue(name, out string? other) && other != option)
                    {
                        throw new CliException($"Column '{name}' is given to both {other} and {option}.");
                    }

                    assigned[name] = option;
                    roles[i] = role;
                }
            }

            int IndexOf(string name, string option)
            {
                int i = Array.IndexOf(names, name);
                return i >= 0 ? i : throw new CliException($"{option}: {source} has no column '{name}' (its columns: {Quote(names)}).");
            }
        }

        var duplicate = names.Where((n, i) => roles[i] != ColumnRole.Ignored).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CliException($"{source}: the header names column '{duplicate.Key}' more than once (--ignore cannot tell them apart; rename one).");
        }

        if (roles.All(r => r == ColumnRole.Ignored))
        {
            throw new CliException($"{source}: no column left to profile.");
        }

        return new ColumnPlan(names, roles, isPrediction);
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}

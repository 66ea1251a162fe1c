using System.Collections.Immutable;
using System.Globalization;
using ModelWatch.ML.Internal;
using ModelWatch.Monitoring;

namespace ModelWatch.ML;

/// <summary>
/// The monitored features of an ML.NET input class, taken from its columns once: numbers are
/// numeric features, <c>[VectorType(n)]</c> float or double arrays n numeric features
/// (<c>name[0]</c> … <c>name[n-1]</c>), text and booleans categorical features. Mapping an input
/// calls delegates compiled when the schema is built: no reflection per call.
/// </summary>
/// <typeparam name="TInput">The class the <c>PredictionEngine</c> takes.</typeparam>
/// <remarks>
/// Columns are the public instance fields in declaration order, then the public readable properties
/// in declaration order, named by <c>[ColumnName]</c> (else the member name), without
/// <c>[NoColumn]</c> members and <see cref="MLMonitoringOptions.ExcludedColumns"/>. Instances are
/// immutable and safe to share between threads; <see cref="Map"/> allocates nothing except for
/// <c>ReadOnlyMemory&lt;char&gt;</c> columns, which become strings.
/// </remarks>
public sealed class MLInputSchema<TInput>
{
    private readonly FeatureReader<TInput>[] _readers;

    private MLInputSchema(ImmutableArray<string> numeric, ImmutableArray<string> categorical, FeatureReader<TInput>[] readers)
    {
        NumericFeatures = numeric;
        CategoricalFeatures = categorical;
        _readers = readers;
        Mapper = Map;
    }

    /// <summary>Gets the numeric feature names, in logging order.</summary>
    public ImmutableArray<string> NumericFeatures { get; }

    /// <summary>Gets the categorical feature names, in logging order.</summary>
    public ImmutableArray<string> CategoricalFeatures { get; }

    /// <summary>Gets <see cref="Map"/> as a <see cref="FeatureMapper{TInput}"/>, for <c>ModelBuilder.Map</c>.</summary>
    public FeatureMapper<TInput> Mapper { get; }

    /// <summary>Builds the schema; see <see cref="MLInputSchema.Create{TInput}(MLMonitoringOptions?)"/>.</summary>
    internal static MLInputSchema<TInput> Build(MLMonitoringOptions options)
    {
        var numeric = ImmutableArray.CreateBuilder<string>();
        var categorical = ImmutableArray.CreateBuilder<string>();
        var readers = new List<FeatureReader<TInput>>();
        foreach (var column in ColumnMember.Of(typeof(TInput)))
        {
            if (options.ExcludedColumns.Any(column.Matches))
            {
                continue;
            }

            int numericOffset = numeric.Count;
            int categoricalOffset = categorical.Count;
            FeatureReader<TInput> reader = Reader(column, numericOffset, categoricalOffset);
            readers.Add(reader);
            switch (reader)
            {
                case NumberReader<TInput>:
                    numeric.Add(column.ColumnName);
                    break;
                case TextReader<TInput> or BooleanReader<TInput>:
                    categorical.Add(column.ColumnName);
                    break;
                default:
                    for (int i = 0; i < column.VectorSize; i++)
                    {
                        numeric.Add(string.Create(CultureInfo.InvariantCulture, $"{column.ColumnName}[{i}]"));
                    }

                    break;
            }
        }

        var schema = new MLInputSchema<TInput>(numeric.ToImmutable(), categorical.ToImmutable(), [.. readers]);
        _ = schema.ToModelSchema(PredictionKind.None); // no features, duplicates: the core's own checks and messages
        return schema;
    }

    /// <summary>Gets the monitoring schema of these features with the given kind of prediction.</summary>
    /// <param name="prediction">How the prediction is monitored.</param>
    /// <returns>The schema.</returns>
    public ModelSchema ToModelSchema(PredictionKind prediction) => new(NumericFeatures, CategoricalFeatures, prediction);

    /// <summary>Writes the features of <paramref name="input"/>; a missing value becomes NaN (numbers) or null (text).</summary>
    /// <param name="input">The input.</param>
    /// <param name="numericFeatures">Receives the numeric features; at least <see cref="NumericFeatures"/> long.</param>
    /// <param name="categoricalFeatures">Receives the categorical features; at least <see cref="CategoricalFeatures"/> long.</param>
    public void Map(TInput input, Span<double> numericFeatures, Span<string?> categoricalFeatures)
    {
        foreach (var reader in _readers)
        {
            reader.Read(input, numericFeatures, categoricalFeatures);
        }
    }

    private static FeatureReader<TInput> Reader(ColumnMember column, int numericOffset, int categoricalOffset)
    {
        Type type = column.Type;
        if (Accessors.IsNumber(type))
        {
            return new NumberReader<TInput>(Accessors.Compile<TInput, double>(column)) { NumericOffset = numericOffset };
        }

        if (Accessors.IsText(type))
        {
            return new TextReader<TInput>(Accessors.CompileText<TInput>(column)) { CategoricalOffset = categoricalOffset };
        }

        if (type == typeof(bool))
        {
            return new BooleanReader<TInput>(Accessors.Compile<TInput, bool>(column)) { CategoricalOffset = categoricalOffset };
        }

        if (type == typeof(float[]) || type == typeof(double[]))
        {
            if (column.VectorSize is not int size)
            {
                throw new ArgumentException(Refusal(column, "an array without a fixed size: declare it with [VectorType(n)] so that each element is a feature"));
            }

            return type == typeof(float[])
                ? new VectorReader<TInput, float>(Accessors.Compile<TInput, float[]?>(column), size) { NumericOffset = numericOffset }
                : new VectorReader<TInput, double>(Accessors.Compile<TInput, double[]?>(column), size) { NumericOffset = numericOffset };
        }

        throw new ArgumentException(Refusal(column, $"of type {type.Name}, which has no feature mapping (numbers, float or double vectors, text and booleans have one)"));
    }

    private static string Refusal(ColumnMember column, string why) =>
        $"The column '{column.ColumnName}' ({typeof(TInput).Name}.{column.Member.Name}) cannot be monitored: it is {why}. "
        + $"Exclude it with MLMonitoringOptions.ExcludedColumns.Add(\"{column.ColumnName}\") or mark it [NoColumn].";
}

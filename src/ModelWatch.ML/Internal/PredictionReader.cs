using System.Numerics;
using Microsoft.ML.Data;
using ModelWatch.Monitoring;

namespace ModelWatch.ML.Internal;

/// <summary>
/// Reads the prediction (and, optionally, the class probabilities) from an ML.NET output object, by
/// delegates compiled once. See <see cref="MLMonitoringOptions.PredictionColumn"/> for how the
/// column is chosen.
/// </summary>
/// <typeparam name="TOutput">The class the <c>PredictionEngine</c> returns.</typeparam>
internal sealed class PredictionReader<TOutput>
{
    private static readonly string[] ClassDefaults = ["PredictedLabel"];
    private static readonly string[] NumberDefaults = ["Probability", "Score"];

    private readonly Func<TOutput, double>? _value;
    private readonly Func<TOutput, float[]?>? _probabilities;

    private PredictionReader(Func<TOutput, double>? value, Func<TOutput, float[]?>? probabilities)
    {
        _value = value;
        _probabilities = probabilities;
    }

    public bool HasProbabilities => _probabilities is not null;

    /// <summary>Chooses and compiles the prediction's reader.</summary>
    /// <exception cref="ArgumentException">No column fits, or the chosen one has a type that cannot be this kind of prediction.</exception>
    public static PredictionReader<TOutput> Create(PredictionKind kind, MLMonitoringOptions options)
    {
        var columns = ColumnMember.Of(typeof(TOutput));
        Func<TOutput, float[]?>? probabilities = null;
        if (options.ClassProbabilitiesColumn is string probabilityName)
        {
            var column = Find(columns, probabilityName) ?? throw new ArgumentException($"{typeof(TOutput).Name} has no column '{probabilityName}' (MLMonitoringOptions.ClassProbabilitiesColumn).", nameof(options));
            probabilities = Vector(column) ?? throw new ArgumentException($"The class probabilities column '{probabilityName}' of {typeof(TOutput).Name} is a {column.Type.Name}; it must be a float[] or VBuffer<float>.", nameof(options));
        }

        if (kind == PredictionKind.None)
        {
            return new PredictionReader<TOutput>(null, probabilities);
        }

        ColumnMember? chosen;
        if (options.PredictionColumn is string name)
        {
            chosen = Find(columns, name) ?? throw new ArgumentException($"{typeof(TOutput).Name} has no column '{name}' (MLMonitoringOptions.PredictionColumn).", nameof(options));
        }
        else
        {
            string[] defaults = kind == PredictionKind.Categorical ? ClassDefaults : NumberDefaults;
            chosen = defaults.Select(d => Find(columns, d)).FirstOrDefault(c => c is not null)
                ?? throw new ArgumentException(
                    $"{typeof(TOutput).Name} has none of the columns {string.Join(", ", defaults)} that a {kind} prediction is read from by default; "
                    + "name the prediction's column with MLMonitoringOptions.PredictionColumn.", nameof(options));
        }

        var value = kind == PredictionKind.Categorical ? ClassIndex(chosen, options) : Number(chosen);
        return value is null
            ? throw new ArgumentException($"The prediction column '{chosen.ColumnName}' of {typeof(TOutput).Name} is a {chosen.Type.Name}, which cannot be a {kind} prediction.", nameof(options))
            : new PredictionReader<TOutput>(value, probabilities);
    }

    /// <summary>Reads the prediction: NaN when there is none to log or it is missing.</summary>
    public double Value(TOutput output) => _value is null ? double.NaN : _value(output);

    /// <summary>
    /// Copies the class probabilities into <paramref name="buffer"/> (grown when the output has more
    /// classes: once, on the first call) and returns how many there are (0: none).
    /// </summary>
    public int Probabilities(TOutput output, ref double[] buffer)
    {
        float[]? values = _probabilities?.Invoke(output);
        if (values is null)
        {
            return 0;
        }

        if (values.Length > buffer.Length)
        {
            buffer = new double[values.Length];
        }

        for (int i = 0; i < values.Length; i++)
        {
            buffer[i] = values[i];
        }

        return values.Length;
    }

    private static ColumnMember? Find(IReadOnlyList<ColumnMember> columns, string name) =>
        columns.FirstOrDefault(c => string.Equals(c.ColumnName, name, StringComparison.Ordinal))
        ?? columns.FirstOrDefault(c => string.Equals(c.Member.Name, name, StringComparison.Ordinal));

    private static Func<TOutput, double>? Number(ColumnMember column)
    {
        if (Accessors.IsNumber(column.Type))
        {
            return Accessors.Compile<TOutput, double>(column);
        }

        if (column.Type == typeof(bool))
        {
            var flag = Accessors.Compile<TOutput, bool>(column);
            return o => flag(o) ? 1 : 0;
        }

        return null;
    }

    private static Func<TOutput, double>? ClassIndex(ColumnMember column, MLMonitoringOptions options)
    {
        Type type = column.Type;
        if (type == typeof(uint))
        {
            // ML.NET's PredictedLabel is a key: 1 is the first class, 0 is "missing".
            var key = Accessors.Compile<TOutput, uint>(column);
            return o => key(o) is uint k and > 0 ? k - 1.0 : double.NaN;
        }

        if (type == typeof(bool))
        {
            var flag = Accessors.Compile<TOutput, bool>(column);
            return o => flag(o) ? 1 : 0;
        }

        if (Accessors.IsNumber(type) && type != typeof(float) && type != typeof(double))
        {
            return Accessors.Compile<TOutput, double>(column);
        }

        if (Accessors.IsText(type))
        {
            var names = options.ClassNames
                ?? throw new ArgumentException($"The prediction column '{column.ColumnName}' of {typeof(TOutput).Name} is text: give the class names in index order with MLMonitoringOptions.ClassNames.", nameof(options));
            var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => (double)p.i, StringComparer.Ordinal);
            var text = Accessors.CompileText<TOutput>(column);
            return o => text(o) is string s && index.TryGetValue(s, out double i) ? i : double.NaN;
        }

        if (Vector(column) is { } vector)
        {
            return o => ArgMax(vector(o));
        }

        return null;
    }

    private static Func<TOutput, float[]?>? Vector(ColumnMember column)
    {
        if (column.Type == typeof(float[]))
        {
            return Accessors.Compile<TOutput, float[]?>(column);
        }

        if (column.Type == typeof(VBuffer<float>))
        {
            // Rare in output classes (float[] is usual); densified into a new array per call.
            var buffer = Accessors.Compile<TOutput, VBuffer<float>>(column);
            return o => buffer(o).DenseValues().ToArray();
        }

        return null;
    }

    private static double ArgMax<T>(T[]? values)
        where T : INumber<T>
    {
        if (values is null || values.Length == 0)
        {
            return double.NaN;
        }

        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}

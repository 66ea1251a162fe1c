using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelWatch.Monitoring;

namespace ModelWatch.OnnxRuntime.Internal;

/// <summary>
/// The output logged as the prediction and the output logged as class probabilities, chosen from
/// the model's output metadata once (see <see cref="OnnxMonitoringOptions.PredictionOutput"/>).
/// </summary>
internal sealed class OnnxPrediction
{
    private static readonly string[] ClassDefaults = ["PredictedLabel.output", "output_label", "label"];
    private static readonly string[] NumberDefaults = ["Probability.output", "Score.output", "variable", "output_probability", "probabilities"];

    private Dictionary<string, double>? _classIndex;

    public string? Output { get; private init; }

    public TensorElementType ElementType { get; private init; }

    public PredictionMode Mode { get; private init; }

    /// <summary>Gets the values per row of the prediction output.</summary>
    public int Width { get; private init; } = 1;

    public int Index { get; private init; }

    /// <summary>Gets whether the prediction output is a ZipMap (a sequence of maps of class to probability).</summary>
    public bool IsZipMap { get; private init; }

    /// <summary>Gets whether each run's maps must hold two classes (a numeric prediction without PredictionIndex).</summary>
    public bool RequiresTwoClasses { get; private init; }

    public string? ProbabilitiesOutput { get; private init; }

    public bool ProbabilitiesZipMap { get; private init; }

    public TensorElementType ProbabilitiesType { get; private init; }

    public static OnnxPrediction Create(InferenceSession session, PredictionKind kind, OnnxMonitoringOptions options)
    {
        var outputs = session.OutputMetadata;
        string? probabilities = options.ClassProbabilitiesOutput;
        TensorElementType probabilitiesType = default;
        bool probabilitiesZipMap = false;
        if (probabilities is not null)
        {
            var node = Node(session, probabilities, "ClassProbabilitiesOutput");
            // ElementDataType throws on a value that is not a tensor: ask IsTensor first.
            probabilitiesType = node.IsTensor ? node.ElementDataType : default;
            probabilitiesZipMap = OnnxValueKinds.IsZipMap(node);
            if (!probabilitiesZipMap && probabilitiesType is not (TensorElementType.Float or TensorElementType.Double))
            {
                throw new ArgumentException(
                    $"The class probabilities output '{probabilities}' must be a float or double tensor [batch, classes], or a sequence of maps from class to probability (ZipMap); it is {OnnxValueKinds.Describe(node)}.",
                    nameof(options));
            }
        }

        if (kind == PredictionKind.None)
        {
            return new OnnxPrediction { Mode = PredictionMode.None, ProbabilitiesOutput = probabilities, ProbabilitiesType = probabilitiesType, ProbabilitiesZipMap = probabilitiesZipMap };
        }

        string name = options.PredictionOutput
            ?? (kind == PredictionKind.Categorical ? ClassDefaults : NumberDefaults).FirstOrDefault(outputs.ContainsKey)
            ?? (outputs.Count == 1 ? session.OutputNames[0] : throw new ArgumentException(
                $"The model has none of the outputs a {kind} prediction is read from by default ({string.Join(", ", kind == PredictionKind.Categorical ? ClassDefaults : NumberDefaults)}); "
                + $"name one of its outputs ({string.Join(", ", session.OutputNames)}) with OnnxMonitoringOptions.PredictionOutput.", nameof(options)));
        var output = Node(session, name, "PredictionOutput");
        if (OnnxValueKinds.IsZipMap(output))
        {
            return ZipMap(name, kind, options, probabilities, probabilitiesType, probabilitiesZipMap);
        }

        if (!output.IsTensor)
        {
            throw new ArgumentException(
                $"The prediction output '{name}' is {OnnxValueKinds.Describe(output)}, which holds no prediction per item; "
                + $"name another of its outputs ({string.Join(", ", session.OutputNames)}) with OnnxMonitoringOptions.PredictionOutput.", nameof(options));
        }

        int[] dims = output.Dimensions;
        if (dims.Length > 2)
        {
            throw new ArgumentException(
                $"The prediction output '{name}' is a rank-{dims.Length} tensor [{string.Join(", ", dims)}], which holds more than a row of values per item; "
                + $"name another of its outputs ({string.Join(", ", session.OutputNames)}) with OnnxMonitoringOptions.PredictionOutput.", nameof(options));
        }

        int width = dims.Length == 2 && dims[1] > 0 ? dims[1] : 1;
        var type = output.ElementDataType;
        bool isNumber = type is TensorElementType.Float or TensorElementType.Double or TensorElementType.Int32 or TensorElementType.Int64
            or TensorElementType.UInt32 or TensorElementType.UInt64 or TensorElementType.Int16 or TensorElementType.UInt16
            or TensorElementType.Int8 or TensorElementType.UInt8 or TensorElementType.Bool;
        PredictionMode mode;
        int index = 0;
        Dictionary<string, double>? classIndex = null;
        if (kind == PredictionKind.Numeric)
        {
            if (!isNumber)
            {
                throw new ArgumentException($"The prediction output '{name}' holds {type} values, which cannot be a numeric prediction.", nameof(options));
            }

            index = options.PredictionIndex ?? (width == 1 ? 0 : width == 2 ? 1 : throw new ArgumentException(
                $"The prediction output '{name}' has {width} values per row: choose the one to log with OnnxMonitoringOptions.PredictionIndex.", nameof(options)));
            if (index < 0 || index >= width)
            {
                throw new ArgumentException($"OnnxMonitoringOptions.PredictionIndex is {index}, but the output '{name}' has {width} values per row.", nameof(options));
            }

            mode = PredictionMode.Value;
        }
        else if (type == TensorElementType.String)
        {
            var names = options.ClassNames ?? throw new ArgumentException(
                $"The prediction output '{name}' holds strings: give the class names in index order with OnnxMonitoringOptions.ClassNames.", nameof(options));
            classIndex = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => (double)p.i, StringComparer.Ordinal);
            mode = PredictionMode.Text;
        }
        else if (!isNumber)
        {
            throw new ArgumentException($"The prediction output '{name}' holds {type} values, which cannot be a class.", nameof(options));
        }
        else if (width > 1)
        {
            mode = PredictionMode.ArgMax;
        }
        else
        {
            // ML.NET exports its PredictedLabel as a key: uint32, 1-based.
            bool mlNetKey = type == TensorElementType.UInt32 && session.ModelMetadata.ProducerName == "ML.NET";
            mode = mlNetKey ? PredictionMode.Key : PredictionMode.Value;
        }

        return new OnnxPrediction
        {
            Output = name,
            ElementType = type,
            Mode = mode,
            Width = width,
            Index = index,
            ProbabilitiesOutput = probabilities,
            ProbabilitiesType = probabilitiesType,
            ProbabilitiesZipMap = probabilitiesZipMap,
            _classIndex = classIndex,
        };
    }

    /// <summary>
    /// A ZipMap output (one map of class to probability per item) as the prediction: the number of
    /// classes is not in the model's metadata, so it is read from each run's maps.
    /// </summary>
    private static OnnxPrediction ZipMap(string name, PredictionKind kind, OnnxMonitoringOptions options, string? probabilities, TensorElementType probabilitiesType, bool probabilitiesZipMap)
    {
        if (options.PredictionIndex is < 0)
        {
            throw new ArgumentException($"OnnxMonitoringOptions.PredictionIndex is {options.PredictionIndex}, which is no class position.", nameof(options));
        }

        return new OnnxPrediction
        {
            Output = name,
            IsZipMap = true,

            // A number: the probability at PredictionIndex, else that of the second class of a binary
            // classifier; a class: the position of the most probable.
            Mode = kind == PredictionKind.Numeric ? PredictionMode.Value : PredictionMode.ArgMax,
            Index = options.PredictionIndex ?? 1,
            RequiresTwoClasses = kind == PredictionKind.Numeric && options.PredictionIndex is null,
            ProbabilitiesOutput = probabilities,
            ProbabilitiesType = probabilitiesType,
            ProbabilitiesZipMap = probabilitiesZipMap,
        };
    }

    /// <summary>Writes one prediction per row into <paramref name="values"/> and returns the row count (-1: the output could not be read).</summary>
    public int Read(CallValues call, ref double[] values, ref string?[] text)
    {
        if (Mode == PredictionMode.Text)
        {
            int n = call.Text(output: true, Output!, ElementType, ref text);
            if (n < 0)
            {
                return -1;
            }

            Grow(ref values, n);
            for (int i = 0; i < n; i++)
            {
                values[i] = text[i] is string s && _classIndex!.TryGetValue(s, out double c) ? c : double.NaN;
            }

            return n;
        }

        int width = Width;
        int count;
        if (IsZipMap)
        {
            count = call.Maps(output: true, Output!, ref values, out width);
            if (width == 0)
            {
                return count == 0 ? 0 : -1; // an empty batch has no map to count the classes of
            }

            if ((RequiresTwoClasses && width != 2) || Index >= width)
            {
                return -1; // counted: maps without the class asked for
            }
        }
        else
        {
            count = call.Numbers(output: true, Output!, ElementType, ref values);
        }

        if (count < 0 || count % width != 0)
        {
            return -1;
        }

        int rows = count / width;
        for (int r = 0; r < rows; r++)
        {
            // Compacting in place is safe: row r is written at r, read from r * width >= r.
            values[r] = Mode switch
            {
                PredictionMode.Key => values[r * width] is > 0 and var k ? k - 1 : double.NaN,
                PredictionMode.ArgMax => ArgMax(values.AsSpan(r * width, width)),
                _ => values[(r * width) + Index],
            };
        }

        return rows;
    }

    private static int ArgMax(ReadOnlySpan<double> row)
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static void Grow(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[Math.Max(length, buffer.Length * 2)];
        }
    }

    private static NodeMetadata Node(InferenceSession session, string name, string option) =>
        session.OutputMetadata.TryGetValue(name, out var node)
            ? node
            : throw new ArgumentException($"OnnxMonitoringOptions.{option} names '{name}', which is not an output of the model (its outputs: {string.Join(", ", session.OutputNames)}).");

}

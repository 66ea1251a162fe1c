using System.Collections.Immutable;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelWatch.Monitoring;
using ModelWatch.OnnxRuntime.Internal;

namespace ModelWatch.OnnxRuntime;

/// <summary>
/// The monitored features of an ONNX model, derived from its input metadata once: each value of a
/// row of a numeric tensor is a numeric feature, each value of a string (or boolean) tensor a
/// categorical one. docs/integrations.md lists the rules.
/// </summary>
/// <remarks>
/// Shapes: <c>[batch, n]</c> (a first dimension of -1, symbolic or unknown, or fixed above 1) gives
/// n features per row and one row per item of the batch; <c>[-1]</c> one feature per row;
/// <c>[1, n]</c>, <c>[n]</c> (fixed) and a scalar one row of n (or 1) features, the same for every
/// item when other inputs carry a batch. Tensors of rank 3 or more (images), sequences, maps and element types
/// without a mapping (float16, bfloat16…) are refused with a message naming the input, unless
/// excluded or mapped by <see cref="OnnxMonitoringOptions.CustomInputs"/>. Instances are immutable.
/// </remarks>
public sealed class OnnxInputSchema
{
    /// <summary>The prefix of the metadata property that names an input's features: <c>modelwatch:feature_names:&lt;input&gt;</c>.</summary>
    public const string FeatureNamesMetadataPrefix = "modelwatch:feature_names:";

    private OnnxInputSchema(ImmutableArray<string> numeric, ImmutableArray<string> categorical, ImmutableArray<InputColumn> columns)
    {
        NumericFeatures = numeric;
        CategoricalFeatures = categorical;
        Columns = columns;
    }

    /// <summary>Gets the numeric feature names, in logging order.</summary>
    public ImmutableArray<string> NumericFeatures { get; }

    /// <summary>Gets the categorical feature names, in logging order.</summary>
    public ImmutableArray<string> CategoricalFeatures { get; }

    internal ImmutableArray<InputColumn> Columns { get; }

    /// <summary>Derives the features of the model loaded in <paramref name="session"/>.</summary>
    /// <param name="session">The session.</param>
    /// <param name="options">Exclusions, names and custom inputs; null: the defaults.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="ArgumentException">An input the rules cannot map (the message names it and the two ways out), a custom input the model does not have, feature names of the wrong count, or no feature at all.</exception>
    public static OnnxInputSchema Create(InferenceSession session, OnnxMonitoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        options ??= new OnnxMonitoringOptions();
        var metadata = session.InputMetadata;
        foreach (string custom in options.CustomInputs.Keys)
        {
            if (!metadata.ContainsKey(custom))
            {
                throw new ArgumentException($"OnnxMonitoringOptions.CustomInputs names '{custom}', which is not an input of the model (its inputs: {string.Join(", ", session.InputNames)}).", nameof(options));
            }
        }

        var numeric = ImmutableArray.CreateBuilder<string>();
        var categorical = ImmutableArray.CreateBuilder<string>();
        var columns = ImmutableArray.CreateBuilder<InputColumn>();
        var properties = session.ModelMetadata.CustomMetadataMap;
        foreach (string name in session.InputNames)
        {
            if (options.ExcludedInputs.Contains(name) || options.CustomInputs.ContainsKey(name))
            {
                continue;
            }

            var node = metadata[name];
            if (!node.IsTensor)
            {
                throw Refusal(name, $"{OnnxValueKinds.Describe(node)}, which has no feature mapping");
            }

            InputKind kind = Kind(node.ElementDataType, options, name);
            if (kind == InputKind.Custom)
            {
                continue; // a boolean input left out (BooleansAsCategories = false)
            }

            // A first dimension that is not fixed (-1: symbolic or unknown) or fixed above 1 is the
            // batch; a shape that fixes a single row ([1, n], [n], a scalar) is the same values for
            // every item of the batch the other inputs carry.
            int[] dims = node.Dimensions;
            (int width, bool batched) = dims.Length switch
            {
                0 => (1, false),
                1 => dims[0] > 0 ? (dims[0], false) : (1, true),
                2 when dims[1] > 0 => (dims[1], dims[0] != 1),
                2 => throw Refusal(name, $"a tensor [{string.Join(", ", dims)}] whose row length is not fixed"),
                _ => throw Refusal(name, $"a rank-{dims.Length} tensor [{string.Join(", ", dims)}] (an image or another multi-dimensional input), whose values are not features one by one"),
            };

            var names = Names(name, width, options, properties);
            columns.Add(new InputColumn
            {
                Name = name,
                Kind = kind,
                ElementType = node.ElementDataType,
                Width = width,
                Batched = batched,
                NumericOffset = numeric.Count,
                CategoricalOffset = categorical.Count,
            });
            (kind == InputKind.Numeric ? numeric : categorical).AddRange(names);
        }

        foreach (var (name, custom) in options.CustomInputs)
        {
            columns.Add(new InputColumn { Name = name, Kind = InputKind.Custom, NumericOffset = numeric.Count, CategoricalOffset = categorical.Count, Custom = custom });
            numeric.AddRange(custom.NumericFeatures);
            categorical.AddRange(custom.CategoricalFeatures);
        }

        var schema = new OnnxInputSchema(numeric.ToImmutable(), categorical.ToImmutable(), columns.ToImmutable());
        _ = schema.ToModelSchema(PredictionKind.None); // no features, duplicate names: the core's checks and messages
        return schema;
    }

    /// <summary>Gets the monitoring schema of these features with the given kind of prediction.</summary>
    /// <param name="prediction">How the prediction is monitored.</param>
    /// <returns>The schema.</returns>
    public ModelSchema ToModelSchema(PredictionKind prediction) => new(NumericFeatures, CategoricalFeatures, prediction);

    private static InputKind Kind(TensorElementType type, OnnxMonitoringOptions options, string name) => type switch
    {
        TensorElementType.String => InputKind.Categorical,
        TensorElementType.Bool => options.BooleansAsCategories ? InputKind.Categorical : InputKind.Custom,
        TensorElementType.Float or TensorElementType.Double or TensorElementType.Int32 or TensorElementType.Int64
            or TensorElementType.UInt32 or TensorElementType.UInt64 or TensorElementType.Int16 or TensorElementType.UInt16
            or TensorElementType.Int8 or TensorElementType.UInt8 => InputKind.Numeric,
        _ => throw Refusal(name, $"a tensor of {type}, which has no feature mapping"),
    };

    private static IReadOnlyList<string> Names(string input, int width, OnnxMonitoringOptions options, Dictionary<string, string> properties)
    {
        IReadOnlyList<string>? names = null;
        string source = "";
        if (options.FeatureNames.TryGetValue(input, out var given))
        {
            (names, source) = (given, "OnnxMonitoringOptions.FeatureNames");
        }
        else if (properties.TryGetValue(FeatureNamesMetadataPrefix + input, out string? listed))
        {
            (names, source) = (listed.Split(',', StringSplitOptions.TrimEntries), $"the model's metadata property {FeatureNamesMetadataPrefix}{input}");
        }

        if (names is not null)
        {
            return names.Count == width
                ? names
                : throw new ArgumentException($"{source} gives {names.Count} names for the input '{input}', which has {width} values per row.", nameof(options));
        }

        return width == 1 ? [input] : [.. Enumerable.Range(0, width).Select(i => string.Create(CultureInfo.InvariantCulture, $"{input}[{i}]"))];
    }

    private static ArgumentException Refusal(string input, string what) => new(
        $"The input '{input}' cannot be monitored: it is {what}. Exclude it with OnnxMonitoringOptions.ExcludedInputs.Add(\"{input}\"), "
        + $"or map it to features yourself with OnnxMonitoringOptions.CustomInputs[\"{input}\"] = new OnnxCustomInput(...).");
}

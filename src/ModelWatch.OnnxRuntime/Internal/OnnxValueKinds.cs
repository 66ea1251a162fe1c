using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace ModelWatch.OnnxRuntime.Internal;

/// <summary>Describes an input or output in the words of a refusal: "a rank-3 tensor of Float", "a sequence of maps (Int64 to Float)".</summary>
internal static class OnnxValueKinds
{
    public static string Describe(NodeMetadata node) => node.OnnxValueType switch
    {
        OnnxValueType.ONNX_TYPE_TENSOR => string.Create(CultureInfo.InvariantCulture, $"a tensor of {node.ElementDataType} [{string.Join(", ", node.Dimensions)}]"),
        OnnxValueType.ONNX_TYPE_SEQUENCE => "a sequence of " + Plural(node.AsSequenceMetadata().ElementMeta),
        OnnxValueType.ONNX_TYPE_MAP => "a map " + Map(node.AsMapMetadata()),
        OnnxValueType.ONNX_TYPE_OPTIONAL => "an optional value",
        OnnxValueType.ONNX_TYPE_SPARSETENSOR => "a sparse tensor",
        _ => $"a value of type {node.OnnxValueType}",
    };

    /// <summary>The way out for the usual case of a sequence of maps: scikit-learn's ZipMap of class probabilities.</summary>
    public static string ZipMapHint(NodeMetadata node) =>
        node.OnnxValueType == OnnxValueType.ONNX_TYPE_SEQUENCE && node.AsSequenceMetadata().ElementMeta.OnnxValueType == OnnxValueType.ONNX_TYPE_MAP
            ? " (a scikit-learn classifier exported with ZipMap returns its probabilities so: export it with options={'zipmap': False} to get a [batch, classes] tensor)"
            : "";

    private static string Plural(NodeMetadata element) => element.OnnxValueType switch
    {
        OnnxValueType.ONNX_TYPE_TENSOR => $"tensors of {element.ElementDataType}",
        OnnxValueType.ONNX_TYPE_MAP => "maps " + Map(element.AsMapMetadata()),
        OnnxValueType.ONNX_TYPE_SEQUENCE => "sequences of " + Plural(element.AsSequenceMetadata().ElementMeta),
        _ => $"values of type {element.OnnxValueType}",
    };

    private static string Map(MapMetadata map) =>
        $"({map.KeyDataType} to {(map.ValueMetadata.IsTensor ? map.ValueMetadata.ElementDataType.ToString() : Plural(map.ValueMetadata))})";
}

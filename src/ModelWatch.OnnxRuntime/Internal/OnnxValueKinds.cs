using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

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

    /// <summary>
    /// Whether a value is a sequence of maps to float or double values: what scikit-learn classifiers
    /// return through ZipMap (one map of class to probability per item), read as a [batch, classes] tensor.
    /// </summary>
    public static bool IsZipMap(NodeMetadata node)
    {
        if (node.OnnxValueType != OnnxValueType.ONNX_TYPE_SEQUENCE || node.AsSequenceMetadata().ElementMeta is not { OnnxValueType: OnnxValueType.ONNX_TYPE_MAP } element)
        {
            return false;
        }

        var values = element.AsMapMetadata().ValueMetadata;
        return values.IsTensor && values.ElementDataType is TensorElementType.Float or TensorElementType.Double;
    }

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

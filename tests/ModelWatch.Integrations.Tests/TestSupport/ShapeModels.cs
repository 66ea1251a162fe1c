using Microsoft.ML.OnnxRuntime;

namespace ModelWatch.Integrations.Tests.TestSupport;

/// <summary>The small ONNX models of the edge paths (OnnxRuntime/Models, written by make_models.py), copied beside the tests.</summary>
internal static class ShapeModels
{
    public static InferenceSession Open(string file) => new(Path.Combine(AppContext.BaseDirectory, "OnnxRuntime", "Models", file));
}

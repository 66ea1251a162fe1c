using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelWatch.OnnxRuntime.Internal;

/// <summary>The inputs and outputs of one run, whichever API the caller used; one instance per thread, reused.</summary>
internal abstract class CallValues
{
    public abstract int Numbers(bool output, string name, TensorElementType type, ref double[] buffer);

    public abstract int Text(bool output, string name, TensorElementType type, ref string?[] buffer);

    /// <summary>Copies a sequence of maps (ZipMap's class probabilities) row by row; -1 when it is not one.</summary>
    public abstract int Maps(bool output, string name, ref double[] buffer, out int width);

    public abstract OnnxInput Input(string name);
}

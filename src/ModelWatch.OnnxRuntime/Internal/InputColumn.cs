using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelWatch.OnnxRuntime.Internal;

/// <summary>One model input that yields features, with where they go in the monitor's buffers.</summary>
internal sealed record InputColumn
{
    public required string Name { get; init; }

    public required InputKind Kind { get; init; }

    public TensorElementType ElementType { get; init; }

    /// <summary>Gets the values per row (built-in kinds).</summary>
    public int Width { get; init; }

    /// <summary>
    /// Gets whether the first dimension is the batch; else the whole tensor is one row ([1, n], [n], a
    /// scalar), logged with every item of the batch the other inputs carry.
    /// </summary>
    public bool Batched { get; init; }

    public int NumericOffset { get; init; }

    public int CategoricalOffset { get; init; }

    public OnnxCustomInput? Custom { get; init; }
}

namespace ModelWatch.OnnxRuntime.Internal;

/// <summary>How an input's values become features.</summary>
internal enum InputKind
{
    /// <summary>A numeric tensor: each value of a row is a numeric feature.</summary>
    Numeric,

    /// <summary>A string or boolean tensor: each value of a row is a categorical feature.</summary>
    Categorical,

    /// <summary>Mapped by the user's <see cref="OnnxInputMapper"/>.</summary>
    Custom,
}

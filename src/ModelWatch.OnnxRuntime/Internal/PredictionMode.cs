namespace ModelWatch.OnnxRuntime.Internal;

/// <summary>How the values of the prediction output become one prediction per row.</summary>
internal enum PredictionMode
{
    /// <summary>No prediction is logged.</summary>
    None,

    /// <summary>The value at <see cref="OnnxPrediction.Index"/> of each row, as a number.</summary>
    Value,

    /// <summary>An ML.NET key (uint32, 1-based; 0 is missing): the class index is the key minus 1.</summary>
    Key,

    /// <summary>A string: its index in the class names.</summary>
    Text,

    /// <summary>A row of scores: the index of the largest.</summary>
    ArgMax,
}

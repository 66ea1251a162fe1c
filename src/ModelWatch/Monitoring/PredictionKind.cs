namespace ModelWatch.Monitoring;

/// <summary>How a model's prediction is monitored.</summary>
public enum PredictionKind
{
    /// <summary>A number (a score, a probability, a regression value), monitored like a numeric feature.</summary>
    Numeric = 0,

    /// <summary>A class index (0, 1, 2 …), monitored like a categorical feature.</summary>
    Categorical = 1,

    /// <summary>The prediction is not monitored.</summary>
    None = 2,
}

namespace ModelWatch.Monitoring;

/// <summary>Where a model's reference profile comes from.</summary>
public enum ReferenceSource
{
    /// <summary>A profile or factory given to the model builder (training data).</summary>
    Supplied = 0,

    /// <summary>The first N predictions seen in production.</summary>
    FirstPredictions = 1,

    /// <summary>The predictions of the first period in production.</summary>
    FirstPeriod = 2,
}

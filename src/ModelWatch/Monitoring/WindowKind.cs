namespace ModelWatch.Monitoring;

/// <summary>How a model's predictions are grouped into windows.</summary>
public enum WindowKind
{
    /// <summary>By event time: a window covers <see cref="WindowOptions.Duration"/>.</summary>
    Time = 0,

    /// <summary>By count: a window holds <see cref="WindowOptions.SizeInPredictions"/> predictions.</summary>
    Count = 1,
}

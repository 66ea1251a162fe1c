namespace ModelWatch.Monitoring;

/// <summary>Which window an outcome counts in.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public enum QualityWindowBasis
{
    /// <summary>
    /// The window in which the prediction was made: the quality of what the model did then, which
    /// keeps improving in completeness as late labels arrive.
    /// </summary>
    PredictionTime = 0,

    /// <summary>
    /// The window in which the label arrived: what became known then. Alerts and concept-drift
    /// detection use this basis, because its windows close on time.
    /// </summary>
    OutcomeArrival = 1,
}

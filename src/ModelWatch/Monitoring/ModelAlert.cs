namespace ModelWatch.Monitoring;

/// <summary>What every alert says: which model version changed its drift or quality state, which way, and when.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public abstract class ModelAlert
{
    /// <summary>Initializes an alert whose members the object initializer sets.</summary>
    private protected ModelAlert()
    {
    }

    /// <summary>Gets the model's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>Gets the model's version.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>Gets whether the alert is being raised or cleared.</summary>
    public required DriftAlertKind Kind { get; init; }

    /// <summary>Gets when the alert changed state.</summary>
    public required DateTimeOffset At { get; init; }
}

namespace ModelWatch.Monitoring;

/// <summary>What happened to a drift alert.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public enum DriftAlertKind
{
    /// <summary>Drift was seen in enough consecutive windows: the alert is raised.</summary>
    Raised = 0,

    /// <summary>Enough consecutive windows were clean: the alert is cleared.</summary>
    Cleared = 1,
}

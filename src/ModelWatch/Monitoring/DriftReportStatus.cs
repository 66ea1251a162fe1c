namespace ModelWatch.Monitoring;

/// <summary>What a <see cref="DriftReport"/> holds.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public enum DriftReportStatus
{
    /// <summary>The window was compared with the reference.</summary>
    Evaluated = 0,

    /// <summary>The model has no reference yet (it is being gathered from production, or its factory failed).</summary>
    NoReference = 1,

    /// <summary>The window holds no prediction.</summary>
    EmptyWindow = 2,
}

using System.ComponentModel.DataAnnotations;

namespace ModelWatch.Monitoring;

/// <summary>Alert hygiene: hysteresis and cool-down.</summary>
public sealed class AlertOptions
{
    /// <summary>Gets or sets how many drifted (or degraded) windows in a row raise an alert.</summary>
    /// <value>The default value is 2.</value>
    [Range(1, 1_000)]
    public int RaiseAfterWindows { get; set; } = 2;

    /// <summary>Gets or sets how many clean windows in a row clear a raised alert.</summary>
    /// <value>The default value is 2.</value>
    [Range(1, 1_000)]
    public int ClearAfterWindows { get; set; } = 2;

    /// <summary>Gets or sets the least time between two raises of the same alert.</summary>
    /// <value>The default value is one hour.</value>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets a value indicating whether sustained drift fires the retraining triggers.</summary>
    /// <value>The default value is true.</value>
    public bool TriggerRetraining { get; set; } = true;
}

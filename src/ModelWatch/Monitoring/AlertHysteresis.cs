namespace ModelWatch.Monitoring;

/// <summary>
/// Alert hygiene shared by drift and quality alerts: raise after N bad windows in a row (outside
/// the cool-down since the last raise), clear after M good ones. Used by the evaluator only.
/// </summary>
internal sealed class AlertHysteresis
{
    public long ConsecutiveBad;
    public long ConsecutiveGood;
    public volatile bool Active;
    public DateTimeOffset? LastRaised;

    /// <summary>Takes one judged window.</summary>
    /// <param name="bad">Whether the window counts against the model (drifted, degraded).</param>
    /// <param name="raiseNow">Raise without waiting for <paramref name="raiseAfter"/> windows (the cool-down still applies).</param>
    /// <param name="at">When (the window's end for time windows).</param>
    /// <param name="raiseAfter">Bad windows in a row that raise.</param>
    /// <param name="clearAfter">Good windows in a row that clear.</param>
    /// <param name="cooldown">Least time between two raises.</param>
    /// <returns>The change of state, if any.</returns>
    public DriftAlertKind? Observe(bool bad, bool raiseNow, DateTimeOffset at, int raiseAfter, int clearAfter, TimeSpan cooldown)
    {
        if (bad)
        {
            ConsecutiveBad++;
            ConsecutiveGood = 0;
        }
        else
        {
            ConsecutiveGood++;
            ConsecutiveBad = 0;
        }

        bool coolingDown = LastRaised is { } last && at - last < cooldown;
        if (!Active && bad && !coolingDown && (raiseNow || ConsecutiveBad >= raiseAfter))
        {
            Active = true;
            LastRaised = at;
            return DriftAlertKind.Raised;
        }

        if (Active && ConsecutiveGood >= clearAfter)
        {
            Active = false;
            return DriftAlertKind.Cleared;
        }

        return null;
    }

    public AlertSnapshot ToSnapshot(long reportedThrough) => new()
    {
        ReportedThrough = reportedThrough,
        ConsecutiveDrifted = ConsecutiveBad,
        ConsecutiveClean = ConsecutiveGood,
        AlertActive = Active,
        LastRaised = LastRaised,
    };

    public void Restore(AlertSnapshot s)
    {
        ConsecutiveBad = s.ConsecutiveDrifted;
        ConsecutiveGood = s.ConsecutiveClean;
        Active = s.AlertActive;
        LastRaised = s.LastRaised;
    }
}

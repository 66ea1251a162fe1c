namespace ModelWatch.Monitoring;

/// <summary>
/// The evaluator's view of one monitor: the latest report, the bounded history of closed windows,
/// the alert state and the retraining trigger in flight. Written by the evaluator under the
/// monitor's collect lock; read through immutable snapshots.
/// </summary>
internal sealed class MonitorState
{
    private readonly int _capacity;
    private readonly Queue<DriftReport> _history = new();
    private volatile DriftReport[] _historySnapshot = [];

    public MonitorState(int capacity) => _capacity = capacity;

    /// <summary>The newest report: the current (partial) window, or the last closed one.</summary>
    public volatile DriftReport? LatestReport;

    /// <summary>The newest epoch whose closed-window report has been made.</summary>
    public long ReportedThrough = long.MinValue;

    /// <summary>The drift alert's state.</summary>
    public AlertHysteresis Alert { get; } = new();
    public Task? RetrainingInFlight;

    /// <summary>
    /// Profiles of closed windows waiting to be saved with the next snapshot (entry name and
    /// profile, oldest first; <see cref="WindowOptions.KeepProfiles"/> with a store only).
    /// </summary>
    public List<(string Entry, Profiles.Profile Profile)> PendingWindowProfiles { get; } = [];

    /// <summary>Snapshot saves that failed in a row (the back-off grows with them).</summary>
    public int SnapshotFailures;

    /// <summary>When the next snapshot of a failing monitor may be attempted.</summary>
    public DateTimeOffset SnapshotRetryAt = DateTimeOffset.MinValue;

    /// <summary>Which of the two snapshot entries the next snapshot overwrites (the other keeps the last good one).</summary>
    public int NextSnapshotSlot;

    /// <summary>Closed-window reports, oldest first.</summary>
    public IReadOnlyList<DriftReport> History => _historySnapshot;

    public void AddClosed(DriftReport report)
    {
        _history.Enqueue(report);
        while (_history.Count > _capacity)
        {
            _history.Dequeue();
        }

        _historySnapshot = [.. _history];
    }
}

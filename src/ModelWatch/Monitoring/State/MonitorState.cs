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

    /// <summary>Closed windows held while the store fails, before the oldest are dropped.</summary>
    public const int MaxClosedWindows = 1_000;

    public MonitorState(int capacity) => _capacity = capacity;

    /// <summary>The newest report: the current (partial) window, or the last closed one.</summary>
    public volatile DriftReport? LatestReport;

    /// <summary>The newest epoch whose closed-window report has been made.</summary>
    public long ReportedThrough = long.MinValue;

    /// <summary>When the evaluator last saw traffic: predictions or bad rows handed over, outcomes, or predictions waiting for one.</summary>
    public DateTimeOffset LastActiveAt;

    /// <summary>What the monitor had received when <see cref="LastActiveAt"/> was set (-1: never looked).</summary>
    public long ActivitySeen = -1;

    /// <summary>
    /// What the windows were evaluated from in the last pass: the watermark, what had been received
    /// and the layout (its reference). A pass that finds the same has nothing new to say about the
    /// windows — none closed, none grew — so the reports made then stand and it skips the work.
    /// </summary>
    public (long Watermark, long Received, MonitorLayout? Layout) EvaluatedFrom = (long.MinValue, -1, null);

    /// <summary>Dropped predictions already logged (<see cref="DroppedSubWindows.Predictions"/> when last logged).</summary>
    public long DroppedPredictionsLogged;

    /// <summary>The drift alert's state.</summary>
    public AlertHysteresis Alert { get; } = new();

    /// <summary>The thresholds of a multivariate detector fitted on the production reference; null for other models.</summary>
    public MultivariateCalibration? MultivariateCalibration { get; init; }

    /// <summary>The retraining triggers' calls still running for this monitor, if any.</summary>
    public Task? RetrainingInFlight;

    /// <summary>
    /// Closed windows waiting to be saved as window profiles, oldest first (kept only when
    /// <see cref="WindowOptions.KeepProfiles"/> is on and a store saves them; at most
    /// <see cref="MaxClosedWindows"/>). Guarded by the monitor's collect lock.
    /// </summary>
    public List<ClosedWindow> ClosedWindows { get; } = [];

    /// <summary>Closed-window reports, oldest first.</summary>
    public IReadOnlyList<DriftReport> History => _historySnapshot;

    public void AddClosed(DriftReport report)
    {
        // A segmented report's per-segment feature reports stay on the latest report only: history
        // memory grows with segments × history length by a compact summary, not a full report each.
        _history.Enqueue(report.Segments.IsEmpty ? report : report.WithCompactSegments());
        while (_history.Count > _capacity)
        {
            _history.Dequeue();
        }

        _historySnapshot = [.. _history];
    }
}

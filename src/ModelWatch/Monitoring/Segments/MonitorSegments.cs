using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// A segmented monitor's segment state: the bounded admission (<see cref="SegmentKeys"/>), which
/// values name a row's segment, the segments' sub-windows on the evaluator's side, and each
/// segment's latest report.
/// </summary>
internal sealed class MonitorSegments
{
    private readonly int[] _columns;
    private readonly bool _byKey;
    private volatile Dictionary<string, DriftReport> _latest = new(StringComparer.Ordinal);

    public MonitorSegments(ModelDefinition definition, Func<MonitorLayout> layout)
    {
        var segments = definition.Segments!;
        _byKey = segments.ByKey;
        _columns = segments.Columns;
        Keys = new SegmentKeys(segments.MaxSegments, _byKey ? 1 : _columns.Length);
        foreach (string name in segments.Track)
        {
            Keys.Admit(name);
        }

        Windows = new SegmentWindows(Keys.Slots, layout, segments.ReferenceSize);
    }

    public SegmentKeys Keys { get; }

    /// <summary>The segments' sub-windows (guarded by the monitor's collect lock).</summary>
    public SegmentWindows Windows { get; }

    /// <summary>The slot of a row's segment: by its explicit key or by its segment features' values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SlotOf(string? key, ReadOnlySpan<string?> categories) =>
        _byKey ? Keys.SlotOf(key)
        : _columns.Length == 1 ? Keys.SlotOf(categories[_columns[0]])
        : Keys.SlotOf(categories, _columns);

    /// <summary>Each segment's part of the window ending at <paramref name="last"/>, merged into new accumulators (for window profiles).</summary>
    public List<(string Name, WindowAccumulator Window)> ClosedWindows(long last, int span)
    {
        var windows = new List<(string, WindowAccumulator)>();
        for (int slot = 0; slot < Keys.Slots; slot++)
        {
            if (Windows.Of(slot) is { } epochs && Keys.NameOf(slot) is { } name && epochs.Window(last, span) is { IsEmpty: false } window)
            {
                windows.Add((name, window));
            }
        }

        return windows;
    }

    /// <summary>A segment's latest report, or null when it has had none.</summary>
    public DriftReport? Latest(string segment) => _latest.GetValueOrDefault(segment);

    /// <summary>Realised quality per segment (a model with a task; null otherwise).</summary>
    public SegmentQuality? Quality { get; set; }

    /// <summary>Each segment's drift alert state.</summary>
    public SegmentAlerts Alerts { get; } = new();

    /// <summary>
    /// Evaluates every segment's part of a window and attaches the results to the whole model's
    /// report (collect lock held); for a closed window, runs each segment's alert hygiene.
    /// </summary>
    /// <returns>The segment alerts raised or cleared (none for the current window).</returns>
    public List<DriftAlert> Attach(ModelDefinition definition, DriftReport whole, long last, int span, WindowClock? clock, DateTimeOffset now)
    {
        var results = SegmentEvaluator.Evaluate(definition, this, last, span, whole.IsComplete, clock, now);
        whole.Segments = results;
        Quality?.Fill(results, last, span);
        if (results.IsEmpty)
        {
            return [];
        }

        var latest = new Dictionary<string, DriftReport>(_latest, StringComparer.Ordinal);
        foreach (var result in results)
        {
            latest[result.Name] = result.Report;
        }

        _latest = latest;
        return whole.IsComplete ? Alerts.Observe(definition, whole, now) : [];
    }
}

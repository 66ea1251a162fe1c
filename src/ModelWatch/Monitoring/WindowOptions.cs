using System.ComponentModel.DataAnnotations;

namespace ModelWatch.Monitoring;

/// <summary>
/// How predictions are grouped into windows. A window is made of sub-windows; when the sub-window
/// equals the window, windows tumble; when it is shorter, the window slides by one sub-window.
/// </summary>
public sealed class WindowOptions
{
    /// <summary>The largest <see cref="MaxEventTimeLead"/> accepted: beyond it the bound would no longer protect the windows.</summary>
    internal static readonly TimeSpan LongestEventTimeLead = TimeSpan.FromDays(1);

    /// <summary>Gets or sets how windows are measured: by event time or by a number of predictions.</summary>
    /// <value>The default value is <see cref="WindowKind.Time"/>.</value>
    public WindowKind Kind { get; set; } = WindowKind.Time;

    /// <summary>Gets or sets how long a time window is.</summary>
    /// <value>The default value is one hour.</value>
    public TimeSpan Duration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets where time windows start: at whole multiples of their length (the default), at the first event, or on calendar boundaries (UTC day, week or month).</summary>
    /// <value>The default value is <see cref="WindowAlignment.Epoch"/>.</value>
    public WindowAlignment Alignment { get; set; } = WindowAlignment.Epoch;

    /// <summary>Gets or sets how long a time window's sub-window is (null: the window's duration, so windows tumble).</summary>
    /// <value>The default value is null.</value>
    public TimeSpan? SubWindowDuration { get; set; }

    /// <summary>Gets or sets the number of predictions per window for count windows.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(1L, long.MaxValue)]
    public long SizeInPredictions { get; set; } = 10_000;

    /// <summary>Gets or sets the number of predictions per sub-window for count windows (null: the window's size, so windows tumble).</summary>
    /// <value>The default value is null.</value>
    public long? SubWindowSizeInPredictions { get; set; }

    /// <summary>
    /// Gets or sets how far an explicit event time (a timestamp passed to <c>Log</c> or
    /// <c>RecordOutcome</c>) may be ahead of the clock. An event further ahead — a year out,
    /// <see cref="DateTimeOffset.MaxValue"/>, milliseconds read as seconds — is counted as invalid time
    /// (<c>modelwatch.input.invalid</c>, <c>error.type</c> <c>invalid_time</c>; an outcome as
    /// <c>invalid</c>) and not windowed.
    /// </summary>
    /// <value>The default value is five minutes.</value>
    public TimeSpan MaxEventTimeLead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how many closed windows are kept for history and trends.</summary>
    /// <value>The default value is 24.</value>
    [Range(1, 10_000)]
    public int HistoryWindows { get; set; } = 24;

    /// <summary>
    /// Gets or sets a value indicating whether each window also keeps a mergeable profile of its
    /// traffic — per numeric column full moments and a quantile sketch, per categorical column its
    /// category counts — and, with a store, saves every closed window's profile
    /// (<c>window-….mwp</c>) for merging across replicas (docs/persistence.md, "Scale-out").
    /// </summary>
    /// <remarks>
    /// Off by default: it adds a moments update and a sketch insertion to every numeric value logged
    /// (about 60 ns per value, docs/runtime.md) and about 50 KB per numeric column per sub-window
    /// and shard. The drift detectors do not need it: they count over the reference's bins either way.
    /// </remarks>
    /// <value>The default value is false.</value>
    public bool KeepProfiles { get; set; }
}

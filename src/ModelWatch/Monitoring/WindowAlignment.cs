namespace ModelWatch.Monitoring;

/// <summary>Where time windows start (<see cref="WindowOptions.Alignment"/>).</summary>
public enum WindowAlignment
{
    /// <summary>
    /// At whole multiples of the sub-window length counted from 0001-01-01T00:00Z: hourly windows start
    /// on the hour and daily windows at midnight (UTC), and every replica computes the same windows
    /// without coordination, so their window profiles merge. A length that does not divide a day
    /// (e.g. 30 days) starts at dates that look arbitrary (2011-12-20).
    /// </summary>
    Epoch = 0,

    /// <summary>
    /// At the first event (the first prediction or outcome's time, its own timestamp for replays and
    /// backfills) plus whole multiples of the sub-window length. Replicas started at different times
    /// have different windows: use it for one process, a replay or a backfill.
    /// </summary>
    FirstEvent = 1,

    /// <summary>At the UTC midnight on or before the first event, plus whole multiples of the sub-window length.</summary>
    Day = 2,

    /// <summary>At the Monday 00:00 UTC on or before the first event (ISO weeks), plus whole multiples of the sub-window length.</summary>
    Week = 3,

    /// <summary>
    /// Calendar months (UTC): every window is one month, from the 1st 00:00 to the next 1st, tumbling;
    /// <see cref="WindowOptions.Duration"/> is not used and <see cref="WindowOptions.SubWindowDuration"/> must be unset.
    /// Every replica computes the same windows.
    /// </summary>
    Month = 4,
}

namespace ModelWatch.Monitoring;

/// <summary>
/// Turns times into sub-window numbers ("epochs"): epoch e covers
/// [e·L, (e+1)·L) in UTC ticks for a sub-window length L, so sub-windows line up with the clock
/// (hourly windows start on the hour) and any replica computes the same numbers.
/// </summary>
/// <remarks>
/// <para>
/// The logging path reads a monotonic counter and converts it with an anchor taken at
/// construction, rather than reading the wall clock per call. Only a double division is needed,
/// and it is exact at sub-window boundaries because both operands are exact integers below 2^53.
/// </para>
/// <para>
/// With the system clock the counter is <see cref="Environment.TickCount64"/> (milliseconds,
/// typically updated every 1–4 ms), which costs about half of a precise timestamp read: live
/// predictions within a few milliseconds of a sub-window boundary may land in the neighbouring
/// sub-window. Any other <see cref="TimeProvider"/> (a test's fake clock) is read through
/// <see cref="TimeProvider.GetTimestamp"/>. Latency is always timed precisely.
/// </para>
/// </remarks>
internal sealed class WindowClock
{
    private readonly TimeProvider _time;
    private readonly long _subWindowTicks;
    private readonly long _anchorTimestamp;
    private readonly long _anchorEpoch;
    private readonly double _anchorOffset;      // timestamp units from the anchor epoch's start to the anchor
    private readonly double _subWindowUnits;    // sub-window length in timestamp units

    private readonly bool _coarse;

    public WindowClock(TimeProvider time, TimeSpan subWindow)
    {
        if (subWindow <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(subWindow), subWindow, "The sub-window length must be positive.");
        }

        _time = time;
        _coarse = ReferenceEquals(time, TimeProvider.System);
        _subWindowTicks = subWindow.Ticks;
        _anchorTimestamp = _coarse ? Environment.TickCount64 : time.GetTimestamp();
        long utcTicks = time.GetUtcNow().UtcTicks;
        _anchorEpoch = utcTicks / _subWindowTicks;
        double frequency = _coarse ? 1000.0 : time.TimestampFrequency;
        double unitsPerTick = frequency / TimeSpan.TicksPerSecond;
        _anchorOffset = (utcTicks - _anchorEpoch * _subWindowTicks) * unitsPerTick;
        _subWindowUnits = _subWindowTicks * unitsPerTick;
    }

    public TimeSpan SubWindow => TimeSpan.FromTicks(_subWindowTicks);

    /// <summary>The epoch of the current time.</summary>
    public long Now()
    {
        double units = ((_coarse ? Environment.TickCount64 : _time.GetTimestamp()) - _anchorTimestamp) + _anchorOffset;
        return _anchorEpoch + (long)Math.Floor(units / _subWindowUnits);
    }

    /// <summary>The epoch of an event time (replays and backfills).</summary>
    public long EpochOf(DateTimeOffset time)
    {
        long ticks = time.UtcTicks;
        return ticks >= 0 ? ticks / _subWindowTicks : -((-ticks + _subWindowTicks - 1) / _subWindowTicks);
    }

    /// <summary>The start of an epoch, in UTC.</summary>
    public DateTimeOffset StartOf(long epoch) => new(Math.Clamp(epoch * _subWindowTicks, 0, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero);
}

using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// Turns times into sub-window numbers ("epochs"): epoch e covers
/// [e·L, (e+1)·L) in UTC ticks for a sub-window length L, so sub-windows line up with the clock
/// (hourly windows start on the hour) and any replica computes the same numbers.
/// </summary>
/// <remarks>
/// <para>
/// The logging path reads a monotonic counter and converts it with an anchor taken at
/// construction, rather than reading the wall clock per call. The conversion is a double division,
/// exact at sub-window boundaries because both operands are exact integers below 2^53; the logging
/// path skips even that while the counter stays inside the epoch its shard last saw
/// (<see cref="Now(ref EpochMemo)"/>).
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
    public long Now() => EpochAt(Counter());

    /// <summary>
    /// The epoch of the current time, answered from <paramref name="memo"/> while the counter stays
    /// inside the epoch the memo holds: one compare instead of a division per call. The memo is
    /// the caller's (a shard's, used under its lock), so it needs no synchronisation.
    /// </summary>
    /// <param name="memo">The caller's memo; it starts empty and is refilled when the epoch changes.</param>
    /// <returns>The same epoch as <see cref="Now()"/> for the same counter reading.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Now(ref EpochMemo memo)
    {
        long counter = Counter();

        // One unsigned compare tests From <= counter < Until.
        return (ulong)(counter - memo.From) < (ulong)(memo.Until - memo.From) ? memo.Epoch : Remember(counter, ref memo);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Counter() => _coarse ? Environment.TickCount64 : _time.GetTimestamp();

    private long EpochAt(long counter)
    {
        double units = (counter - _anchorTimestamp) + _anchorOffset;
        return _anchorEpoch + (long)Math.Floor(units / _subWindowUnits);
    }

    /// <summary>Works out the epoch of <paramref name="counter"/> and the counter range it spans, into the memo.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long Remember(long counter, ref EpochMemo memo)
    {
        long epoch = EpochAt(counter);
        memo = new EpochMemo { From = FirstCounterOf(epoch, counter), Until = FirstCounterOf(epoch + 1, counter), Epoch = epoch };
        return epoch;
    }

    /// <summary>
    /// The first counter value that <see cref="EpochAt"/> puts in <paramref name="epoch"/> or later:
    /// estimated from the anchor, then settled with <see cref="EpochAt"/> itself (which never
    /// decreases as the counter grows), so the memo's range agrees with the division exactly.
    /// </summary>
    private long FirstCounterOf(long epoch, long near)
    {
        double estimate = _anchorTimestamp - _anchorOffset + (epoch - _anchorEpoch) * _subWindowUnits;
        long first = estimate >= long.MaxValue || estimate <= long.MinValue || double.IsNaN(estimate) ? near : (long)Math.Ceiling(estimate);
        while (first > long.MinValue && EpochAt(first - 1) >= epoch)
        {
            first--;
        }

        while (first < long.MaxValue && EpochAt(first) < epoch)
        {
            first++;
        }

        return first;
    }

    /// <summary>The epoch of an event time (replays and backfills).</summary>
    public long EpochOf(DateTimeOffset time) => EpochOf(time.UtcTicks);

    /// <summary>The epoch of a time in UTC ticks.</summary>
    public long EpochOf(long ticks) => ticks >= 0 ? ticks / _subWindowTicks : -((-ticks + _subWindowTicks - 1) / _subWindowTicks);

    /// <summary>The start of an epoch, in UTC.</summary>
    public DateTimeOffset StartOf(long epoch) => new(Math.Clamp(epoch * _subWindowTicks, 0, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero);
}

/// <summary>The counter range <c>[From, Until)</c> of the epoch a caller of <see cref="WindowClock.Now(ref EpochMemo)"/> last saw.</summary>
internal struct EpochMemo
{
    public long From;
    public long Until;
    public long Epoch;
}

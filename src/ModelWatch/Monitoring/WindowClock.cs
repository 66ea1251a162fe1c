using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// Turns times into sub-window numbers ("epochs"). With a uniform alignment epoch e covers
/// [O + e·L, O + (e+1)·L) in UTC ticks for a sub-window length L and an origin O: 0001-01-01 for
/// <see cref="WindowAlignment.Epoch"/> (hourly windows start on the hour, and any replica computes
/// the same numbers), the first event — or the midnight or Monday before it — for the others. With
/// <see cref="WindowAlignment.Month"/> epoch e is the e-th calendar month since 0001-01.
/// </summary>
/// <remarks>
/// <para>
/// An origin taken from the first event is set once, by whichever event comes first (a
/// compare-and-swap), or restored from a snapshot; questions that are no event (the evaluator's
/// watermark, a window's start) use the origin the current time would give until then, without
/// keeping it, so a monitor that has seen nothing yet does not fix its windows to the first evaluation.
/// </para>
/// <para>
/// The logging path reads a monotonic counter and converts it with an anchor taken at
/// construction, rather than reading the wall clock per call, and skips even that while the counter
/// stays inside the epoch its shard last saw (<see cref="Now(ref EpochMemo)"/>).
/// With the system clock the counter is <see cref="Environment.TickCount64"/> (milliseconds,
/// typically updated every 1–4 ms), which costs about half of a precise timestamp read: live
/// predictions within a few milliseconds of a sub-window boundary may land in the neighbouring
/// sub-window. Any other <see cref="TimeProvider"/> (a test's fake clock) is read through
/// <see cref="TimeProvider.GetTimestamp"/>. Latency is always timed precisely.
/// </para>
/// </remarks>
internal sealed class WindowClock
{
    private const long Unset = long.MinValue;

    private readonly TimeProvider _time;
    private readonly WindowAlignment _alignment;
    private readonly long _subWindowTicks;      // L; unused for months
    private readonly long _anchorCounter;
    private readonly long _anchorTicks;         // UTC ticks at _anchorCounter
    private readonly long _ticksPerUnitExact;   // ticks per counter unit when a whole number, else 0
    private readonly double _ticksPerUnit;
    private readonly bool _coarse;
    private long _origin;                       // UTC ticks where epoch 0 starts (uniform alignments); Unset until the first event

    public WindowClock(TimeProvider time, TimeSpan subWindow, WindowAlignment alignment = WindowAlignment.Epoch)
    {
        if (subWindow <= TimeSpan.Zero && alignment != WindowAlignment.Month)
        {
            throw new ArgumentOutOfRangeException(nameof(subWindow), subWindow, "The sub-window length must be positive.");
        }

        _time = time;
        _alignment = alignment;
        _subWindowTicks = subWindow.Ticks;
        _origin = alignment is WindowAlignment.Epoch or WindowAlignment.Month ? 0 : Unset;
        _coarse = ReferenceEquals(time, TimeProvider.System);
        _anchorCounter = _coarse ? Environment.TickCount64 : time.GetTimestamp();
        _anchorTicks = time.GetUtcNow().UtcTicks;
        long frequency = _coarse ? 1000 : time.TimestampFrequency;
        _ticksPerUnit = (double)TimeSpan.TicksPerSecond / frequency;
        _ticksPerUnitExact = TimeSpan.TicksPerSecond % frequency == 0 ? TimeSpan.TicksPerSecond / frequency : 0;
    }

    /// <summary>Gets the origin taken from the first event (to save in a snapshot), or null when the alignment needs none or no event came yet.</summary>
    public long? FirstEventOrigin => _alignment is WindowAlignment.Epoch or WindowAlignment.Month || Volatile.Read(ref _origin) == Unset ? null : _origin;

    /// <summary>Sets the origin saved by an earlier run, unless an event set one already; a clock whose alignment needs none ignores it.</summary>
    public void RestoreOrigin(long originTicks)
    {
        if (_alignment is not (WindowAlignment.Epoch or WindowAlignment.Month))
        {
            Interlocked.CompareExchange(ref _origin, originTicks, Unset);
        }
    }

    /// <summary>The epoch of the current time, for an event happening now (it may set the origin).</summary>
    public long Now() => EpochAt(Counter());

    /// <summary>
    /// The epoch of the current time, answered from <paramref name="memo"/> while the counter stays
    /// inside the epoch the memo holds: one compare instead of a conversion per call. The memo is
    /// the caller's (a shard's, used under its lock), so it needs no synchronisation.
    /// </summary>
    /// <param name="memo">The caller's memo; it starts empty and is refilled when the epoch changes.</param>
    /// <returns>The same epoch as <see cref="Now()"/> for the same counter reading.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Now(ref EpochMemo memo) => Now(ref memo, out _);

    /// <summary>
    /// <see cref="Now(ref EpochMemo)"/>, also giving the clock reading it used, so a caller that needs
    /// the time as well (a prediction's pending time) does not read the clock twice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Now(ref EpochMemo memo, out long reading)
    {
        long counter = Counter();
        reading = counter;

        // One unsigned compare tests From <= counter < Until.
        return (ulong)(counter - memo.From) < (ulong)(memo.Until - memo.From) ? memo.Epoch : Remember(counter, ref memo);
    }

    /// <summary>The UTC ticks of a reading <see cref="Now(ref EpochMemo, out long)"/> gave (<see cref="UtcTicksNow"/> as of that reading).</summary>
    public long UtcTicksAt(long reading) => _coarse ? TicksAt(reading) : UtcTicksNow();

    /// <summary>
    /// The current time in UTC ticks for the logging path's bookkeeping (when a pending prediction
    /// expires): with the system clock the coarse counter through the anchor — a few milliseconds'
    /// resolution and no wall-clock read per call; any other provider's own time.
    /// </summary>
    public long UtcTicksNow() => _coarse ? TicksAt(Environment.TickCount64) : _time.GetUtcNow().UtcTicks;

    /// <summary>The epoch of the current time for a question that is no event (the evaluator's watermark): it never sets the origin.</summary>
    public long Watermark()
    {
        long ticks = TicksAt(Counter());
        return EpochOfTicks(ticks, OriginOr(ticks));
    }

    /// <summary>The epoch of an event's own time (replays and backfills); it may set the origin.</summary>
    public long EpochOf(DateTimeOffset time) => EpochOf(time.UtcTicks);

    /// <summary>The epoch of an event's time in UTC ticks; it may set the origin.</summary>
    public long EpochOf(long ticks) => EpochOfTicks(ticks, OriginFor(ticks));

    /// <summary>The start of an epoch, in UTC.</summary>
    public DateTimeOffset StartOf(long epoch)
    {
        long ticks = StartTicksOf(epoch, OriginOr(_time.GetUtcNow().UtcTicks));
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long Counter() => _coarse ? Environment.TickCount64 : _time.GetTimestamp();

    private long TicksAt(long counter)
    {
        long units = counter - _anchorCounter;
        long delta = _ticksPerUnitExact != 0 ? units * _ticksPerUnitExact : (long)Math.Floor(units * _ticksPerUnit);
        return Math.Clamp(_anchorTicks + delta, 0, DateTimeOffset.MaxValue.UtcTicks);
    }

    private long EpochAt(long counter)
    {
        long ticks = TicksAt(counter);
        return EpochOfTicks(ticks, OriginFor(ticks));
    }

    /// <summary>The origin, set from <paramref name="eventTicks"/> when this is the first event.</summary>
    private long OriginFor(long eventTicks)
    {
        long origin = Volatile.Read(ref _origin);
        if (origin != Unset)
        {
            return origin;
        }

        long candidate = AlignedOrigin(eventTicks);
        long previous = Interlocked.CompareExchange(ref _origin, candidate, Unset);
        return previous == Unset ? candidate : previous;
    }

    /// <summary>The origin, or the one an event at <paramref name="ticks"/> would set (not kept).</summary>
    private long OriginOr(long ticks)
    {
        long origin = Volatile.Read(ref _origin);
        return origin != Unset ? origin : AlignedOrigin(ticks);
    }

    private long AlignedOrigin(long ticks)
    {
        long midnight = ticks - (ticks % TimeSpan.TicksPerDay);
        return _alignment switch
        {
            WindowAlignment.Day => midnight,
            WindowAlignment.Week => Math.Max(0, midnight - (((int)new DateTime(midnight).DayOfWeek + 6) % 7 * TimeSpan.TicksPerDay)),
            _ => ticks,
        };
    }

    private long EpochOfTicks(long ticks, long origin)
    {
        if (_alignment == WindowAlignment.Month)
        {
            var date = new DateTime(Math.Clamp(ticks, 0, DateTime.MaxValue.Ticks));
            return ((date.Year - 1) * 12L) + date.Month - 1;
        }

        long offset = ticks - origin;
        return offset >= 0 ? offset / _subWindowTicks : -((-offset + _subWindowTicks - 1) / _subWindowTicks);
    }

    private long StartTicksOf(long epoch, long origin)
    {
        if (_alignment == WindowAlignment.Month)
        {
            long months = Math.Clamp(epoch, 0, (9999 * 12) - 1);
            return new DateTime((int)(months / 12) + 1, (int)(months % 12) + 1, 1).Ticks;
        }

        // Clamped in double first: epoch·L may overflow a long for far-off epochs.
        double start = origin + ((double)epoch * _subWindowTicks);
        return start <= 0 ? 0 : start >= DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue.UtcTicks : origin + (epoch * _subWindowTicks);
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
    /// decreases as the counter grows), so the memo's range agrees with the conversion exactly.
    /// </summary>
    private long FirstCounterOf(long epoch, long near)
    {
        long startTicks = StartTicksOf(epoch, OriginFor(TicksAt(near)));
        if (startTicks <= 0)
        {
            return long.MinValue;   // before any time a counter can stand for
        }

        if (startTicks >= DateTimeOffset.MaxValue.UtcTicks)
        {
            return long.MaxValue;   // after any time a counter can stand for
        }

        double estimate = _anchorCounter + ((startTicks - _anchorTicks) / _ticksPerUnit);
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
}

/// <summary>The counter range <c>[From, Until)</c> of the epoch a caller of <see cref="WindowClock.Now(ref EpochMemo)"/> last saw.</summary>
internal struct EpochMemo
{
    public long From;
    public long Until;
    public long Epoch;
}

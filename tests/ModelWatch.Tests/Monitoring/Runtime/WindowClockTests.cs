using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring.Runtime;

/// <summary>
/// The logging path's memoised clock (<see cref="WindowClock.Now(ref EpochMemo)"/>) gives the same
/// epoch as the division (<see cref="WindowClock.Now()"/>) for every reading: at, just before and
/// just after sub-window boundaries, across skipped epochs and for repeated readings (the
/// logging path's counter never goes back).
/// </summary>
public sealed class WindowClockTests
{
    public static TheoryData<long, long> SubWindowsAndStarts => new()
    {
        { TimeSpan.TicksPerHour, new DateTimeOffset(2026, 12, 4, 10, 59, 59, TimeSpan.Zero).UtcTicks + 9_999_999 },
        { TimeSpan.TicksPerSecond, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks },
        { 70_001, new DateTimeOffset(2030, 6, 30, 23, 59, 59, TimeSpan.Zero).UtcTicks + 1234 }, // 7.0001 ms: no whole millisecond
        { TimeSpan.TicksPerDay, new DateTimeOffset(2026, 12, 4, 23, 59, 59, 999, TimeSpan.Zero).UtcTicks },
    };

    [Theory]
    [MemberData(nameof(SubWindowsAndStarts))]
    public void MemoAgreesWithTheDivisionAtEveryStep(long subWindowTicks, long startTicks)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(startTicks, TimeSpan.Zero));
        var clock = new WindowClock(time, TimeSpan.FromTicks(subWindowTicks));
        var memo = default(EpochMemo);
        var random = new Random(13);
        int checks = 0;
        for (int step = 0; step < 20_000; step++)
        {
            long move = (step % 5) switch
            {
                0 => 1,                                                      // one tick
                1 => TicksToNextBoundary(time, subWindowTicks) - 1,          // just before a boundary
                2 => TicksToNextBoundary(time, subWindowTicks),              // exactly on it
                3 => random.NextInt64(0, 3 * subWindowTicks),                // anywhere, skipping epochs
                _ => 0,                                                      // the same reading again
            };

            time.Advance(TimeSpan.FromTicks(move));

            Assert.Equal(clock.Now(), clock.Now(ref memo));
            Assert.Equal(clock.EpochOf(time.GetUtcNow()), clock.Now(ref memo));
            checks++;
        }

        Assert.Equal(20_000, checks);
    }

    [Fact]
    public void AnEmptyMemoIsFilledOnFirstUseAndKeptWithinTheEpoch()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 15, 0, TimeSpan.Zero));
        var clock = new WindowClock(time, TimeSpan.FromMinutes(5));
        var memo = default(EpochMemo);

        long epoch = clock.Now(ref memo);
        var filled = memo;
        time.Advance(TimeSpan.FromMinutes(4.99));
        Assert.Equal(epoch, clock.Now(ref memo));
        Assert.Equal(filled, memo);

        time.Advance(TimeSpan.FromMinutes(0.01));
        Assert.Equal(epoch + 1, clock.Now(ref memo));
        Assert.Equal(filled.Until, memo.From);
    }

    private static long TicksToNextBoundary(FakeTimeProvider time, long subWindowTicks)
    {
        long ticks = time.GetUtcNow().UtcTicks;
        return subWindowTicks - (ticks % subWindowTicks);
    }
}

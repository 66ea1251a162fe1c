using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Runtime;

/// <summary>
/// The per-epoch store and its window rule, with a counting accumulator: a window of <c>span</c>
/// sub-windows ending at <c>e</c> covers <c>[e − span + 1, e]</c>.
/// </summary>
public sealed class EpochWindowsTests
{
    /// <summary>The smallest accumulator: how many events its epoch (or window) holds.</summary>
    internal sealed class Counter : IEpochAccumulator<Counter>
    {
        public long Epoch { get; set; }

        public long Count { get; set; }

        public void Merge(Counter other) => Count += other.Count;
    }

    private static EpochWindows<Counter> Windows(params (long Epoch, long Count)[] epochs)
    {
        var windows = new EpochWindows<Counter>(epoch => new Counter { Epoch = epoch });
        foreach (var (epoch, count) in epochs)
        {
            windows.Add(new Counter { Epoch = epoch, Count = count });
        }

        return windows;
    }

    [Fact]
    public void Add_NewEpoch_KeepsTheAccumulatorAndReturnsNull()
    {
        var windows = Windows();
        var first = new Counter { Epoch = 7, Count = 3 };

        Assert.Null(windows.Add(first));

        Assert.Same(first, Assert.Single(windows.Accumulators));
        Assert.Equal([7L], windows.Epochs);
    }

    [Fact]
    public void Add_SameEpoch_MergesIntoTheKeptOneAndReturnsTheArgument()
    {
        var windows = Windows();
        var first = new Counter { Epoch = 7, Count = 3 };
        var second = new Counter { Epoch = 7, Count = 4 };
        windows.Add(first);

        Assert.Same(second, windows.Add(second)); // the caller may reuse it

        Assert.Equal(1, windows.Count);
        Assert.Same(first, windows.Own(7));
        Assert.Equal(7, first.Count);
    }

    [Fact]
    public void Add_EpochsOutOfOrder_AreKeptOldestFirst()
    {
        var windows = Windows((9, 1), (2, 1), (5, 1), (2, 1));

        Assert.Equal([2L, 5L, 9L], windows.Epochs);
        Assert.Equal([2L, 5L, 9L], windows.Accumulators.Select(a => a.Epoch));
        Assert.Equal([2L, 1L, 1L], windows.Accumulators.Select(a => a.Count));
    }

    [Fact]
    public void Own_MissingEpoch_CreatesAnEmptyOneOnce()
    {
        var windows = Windows((1, 5));

        var own = windows.Own(4);

        Assert.Equal(4, own.Epoch);
        Assert.Equal(0, own.Count);
        Assert.Same(own, windows.Own(4));
        Assert.Equal([1L, 4L], windows.Epochs);
    }

    [Theory]
    [InlineData(10, 1, 1000)]              // only the last epoch
    [InlineData(10, 3, 1000 + 100 + 10)]   // [8, 10]
    [InlineData(11, 3, 1000 + 100)]         // [9, 11]: 11 is empty
    [InlineData(7, 3, 1)]                  // [5, 7]
    [InlineData(6, 3, 1)]                  // [4, 6]: epoch 7 lies after the window
    [InlineData(3, 1, 0)]                  // an empty epoch
    [InlineData(10, 100, 1111)]            // everything
    public void Window_Span_SumsExactlyTheEpochsFromLastMinusSpanPlusOneToLast(long last, int span, long expected)
    {
        // The counts are powers of ten, so each sum names the epochs it took.
        var windows = Windows((5, 1), (8, 10), (9, 100), (10, 1000));

        var window = windows.Window(last, span);

        Assert.Equal(expected, window.Count);
        Assert.Equal(last, window.Epoch);
        Assert.Equal(4, windows.Count); // the epochs are read, not consumed
    }

    [Fact]
    public void Window_Into_MergesIntoTheGivenAccumulator()
    {
        var windows = Windows((1, 2), (2, 3));
        var into = new Counter { Epoch = 2, Count = 40 };

        var window = windows.Window(2, 2, into);

        Assert.Same(into, window);
        Assert.Equal(45, window.Count);
    }

    [Fact]
    public void ClosedEnds_SparseEpochsSpanWiderThanGap_EveryEndWhoseWindowHoldsDataAfterReportedThroughBeforeWatermark()
    {
        // Span 3: epoch 10 lies in the windows ending 10–12, 11 in 11–13, 15 in 15–17, 30 in 30–32.
        var windows = Windows((10, 1), (11, 1), (15, 1), (30, 1));

        Assert.Equal([10L, 11, 12, 13, 15, 16, 17], windows.ClosedEnds(long.MinValue, watermark: 30, span: 3));
        Assert.Equal([12L, 13, 15, 16], windows.ClosedEnds(reportedThrough: 11, watermark: 17, span: 3));
        Assert.Equal([10L, 11, 12, 13, 15, 16, 17, 30, 31, 32], windows.ClosedEnds(long.MinValue, watermark: 40, span: 3));
        Assert.Empty(windows.ClosedEnds(reportedThrough: 17, watermark: 30, span: 3)); // 18–29 hold nothing
        Assert.Empty(windows.ClosedEnds(long.MinValue, watermark: 10, span: 3));       // the window ending at the watermark is open
    }

    [Fact]
    public void ClosedEnds_SpanOne_AreTheEpochsThemselves()
    {
        var windows = Windows((3, 1), (4, 1), (9, 1));

        Assert.Equal([4L, 9L], windows.ClosedEnds(reportedThrough: 3, watermark: 10, span: 1));
    }

    [Fact]
    public void ClosedEnds_Empty_IsEmpty() =>
        Assert.Empty(Windows().ClosedEnds(long.MinValue, long.MaxValue, 5));

    [Theory]
    [InlineData(long.MinValue, long.MaxValue, new long[] { 4, 5, 6, 7, 8, 9, 10, 11 })]
    [InlineData(5, 10, new long[] { 6, 7, 8, 9, 10 })]
    [InlineData(6, 6, new long[] { })]    // nothing after 6 up to 6
    [InlineData(6, 7, new long[] { 7 })]  // one end
    [InlineData(11, 100, new long[] { })] // everything reported already
    [InlineData(0, 3, new long[] { })]    // nothing that early
    public void EndsTouching_Bounds_AfterExclusiveThroughInclusive(long after, long through, long[] expected) =>
        // Span 3 over epochs 4 and 9: ends 4–6 and 9–11; and 7–8 from the windows that still reach back to 6.
        Assert.Equal(expected, EpochWindows<Counter>.EndsTouching([4, 6, 9], after, through, span: 3));

    [Fact]
    public void EndsTouching_DuplicateAndUnsortedEpochs_SortedWithoutDuplicates() =>
        Assert.Equal([1L, 2, 5, 6], EpochWindows<Counter>.EndsTouching([5, 1, 5, 1], long.MinValue, long.MaxValue, span: 2));

    [Fact]
    public void Forget_ReleasesExactlyTheOlderEpochsOldestFirst()
    {
        var windows = Windows((7, 1), (1, 1), (5, 1), (3, 1));
        var released = new List<long>();

        windows.Forget(5, a => released.Add(a.Epoch));

        Assert.Equal([1L, 3L], released);
        Assert.Equal([5L, 7L], windows.Epochs);

        windows.Forget(5, a => released.Add(a.Epoch)); // nothing older is left
        Assert.Equal([1L, 3L], released);

        windows.Forget(long.MaxValue, a => released.Add(a.Epoch));
        Assert.Equal([1L, 3L, 5L, 7L], released);
        Assert.Equal(0, windows.Count);
    }

    [Fact]
    public void Forget_WithoutRelease_DropsTheOlderEpochs()
    {
        var windows = Windows((1, 1), (2, 1));

        windows.Forget(2);

        Assert.Equal([2L], windows.Epochs);
    }

    /// <summary>
    /// Seeded random stores against the definition: <c>e</c> is a closed end iff
    /// <c>reportedThrough &lt; e &lt; watermark</c> and some epoch with data lies in <c>[e − span + 1, e]</c>;
    /// each window's sum is the sum over exactly those epochs.
    /// </summary>
    [Fact]
    public void ClosedEnds_SeededRandomStores_MatchTheBruteForceDefinition()
    {
        var rng = new SplitMix64(20260105);
        for (int trial = 0; trial < 500; trial++)
        {
            int span = 1 + (int)(rng.Next() % 8);
            int count = (int)(rng.Next() % 12);
            var counts = new Dictionary<long, long>();
            var windows = Windows();
            for (int i = 0; i < count; i++)
            {
                long epoch = (long)(rng.Next() % 60) - 10; // negative epochs too
                long n = 1 + (long)(rng.Next() % 5);
                counts[epoch] = counts.GetValueOrDefault(epoch) + n;
                windows.Add(new Counter { Epoch = epoch, Count = n });
            }

            long reportedThrough = rng.Next() % 4 == 0 ? long.MinValue : (long)(rng.Next() % 70) - 20;
            long watermark = (long)(rng.Next() % 80) - 15;

            var expected = new List<long>();
            for (long e = -40; e < 80; e++)
            {
                bool holdsData = counts.Keys.Any(s => s >= e - span + 1 && s <= e);
                if (e > reportedThrough && e < watermark && holdsData)
                {
                    expected.Add(e);
                }
            }

            var ends = windows.ClosedEnds(reportedThrough, watermark, span);
            Assert.True(expected.SequenceEqual(ends), $"trial {trial}: span {span}, epochs [{string.Join(", ", counts.Keys.Order())}], after {reportedThrough}, watermark {watermark}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", ends)}]");

            foreach (long end in ends)
            {
                long sum = counts.Where(kv => kv.Key >= end - span + 1 && kv.Key <= end).Sum(kv => kv.Value);
                Assert.Equal(sum, windows.Window(end, span).Count);
            }
        }
    }
}

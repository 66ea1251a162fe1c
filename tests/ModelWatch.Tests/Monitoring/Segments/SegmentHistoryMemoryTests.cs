using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>History memory of a segmented model: a compact summary per segment and window, bounded by the history length (measured on the whole heap, so alone).</summary>
[Collection(RunsAlone.Name)]
public sealed class SegmentHistoryMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HundredSegments_HistoryGrowsByACompactSummaryPerSegmentWindow_AndStopsAtTheCap()
    {
        const int features = 10, history = 10, windows = 40;
        string[] segments = SegmentScenarios.Names(100);
        var (services, watch, time) = SegmentScenarios.Create(features, segments, m => m.Configure(o =>
        {
            o.Window.HistoryWindows = history;
            o.Segments.MaxSegments = 100;
        }));
        using var _ = services;
        var rng = new SplitMix64(30);
        var heap = new long[windows + 1];
        for (int window = 1; window <= windows; window++)
        {
            await SegmentScenarios.Window(watch, time, rng, segments, features, rows: 20_000);
            heap[window] = GC.GetTotalMemory(forceFullCollection: true);
        }

        Assert.Equal(history, watch.GetHistory("m").Count);
        Assert.All(watch.GetHistory("m"), h => Assert.Equal(100, h.Segments.Length));

        // The heap is the whole process's, and it takes a step of about 1.5 MB now and then that is
        // not the history's (the evaluating threads' caches): the median change per window is the
        // history's. Windows 3-12 each add a history entry of 100 segments; later ones replace one.
        double growing = Median(heap, 3, history + 2) / 100.0;
        double full = Median(heap, history + 3, windows);
        output.WriteLine($"history growth per segment and window: {growing:F0} bytes; median heap change per window after the cap: {full:F0} bytes");
        Assert.True(growing > 0 && growing < 1_024, $"{growing:F0} bytes per segment and window");

        // A history that kept growing would add 100 summaries per window.
        Assert.True(Math.Abs(full) < 100 * growing / 10, $"heap changed by {full:F0} bytes per window after the history was full");
    }

    private static double Median(long[] heap, int from, int to)
    {
        var changes = Enumerable.Range(from, to - from + 1).Select(w => (double)(heap[w] - heap[w - 1])).Order().ToArray();
        return changes.Length % 2 == 1 ? changes[changes.Length / 2] : (changes[changes.Length / 2 - 1] + changes[changes.Length / 2]) / 2;
    }
}

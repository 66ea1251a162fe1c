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
        const int features = 10, history = 10;
        string[] segments = SegmentScenarios.Names(100);
        var (services, watch, time) = SegmentScenarios.Create(features, segments, m => m.Configure(o =>
        {
            o.Window.HistoryWindows = history;
            o.Segments.MaxSegments = 100;
        }));
        using var _ = services;
        var rng = new SplitMix64(30);
        long atTwo = 0, atCap = 0, atEnd = 0;
        for (int window = 1; window <= 24; window++)
        {
            await SegmentScenarios.Window(watch, time, rng, segments, features, rows: 20_000);
            if (window is 2 or 12 or 24)
            {
                long memory = GC.GetTotalMemory(forceFullCollection: true);
                (atTwo, atCap, atEnd) = window == 2 ? (memory, atCap, atEnd) : window == 12 ? (atTwo, memory, atEnd) : (atTwo, atCap, memory);
            }
        }

        Assert.Equal(history, watch.GetHistory("m").Count);
        Assert.All(watch.GetHistory("m"), h => Assert.Equal(100, h.Segments.Length));

        // Windows 3-12 added 8 history entries (2 → 10) of 100 segments each.
        double perSegmentWindow = (atCap - atTwo) / (8.0 * 100);
        output.WriteLine($"history growth per segment and window: {perSegmentWindow:F0} bytes; heap change after the cap: {(atEnd - atCap) / 1024.0:F0} KB");
        Assert.True(perSegmentWindow < 4_096, $"{perSegmentWindow:F0} bytes per segment and window");
        Assert.True(Math.Abs(atEnd - atCap) < 1 << 20, $"heap changed by {(atEnd - atCap) / 1024.0:F0} KB after the history was full");
    }
}

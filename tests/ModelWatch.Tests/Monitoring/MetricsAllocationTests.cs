using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// A scrape of many models allocates nothing of ModelWatch's per point: each observed point costs
/// only the copy of its tags that <see cref="Measurement{T}"/> makes (the metrics API's own).
/// </summary>
[Collection(nameof(MetricsTests))]
public sealed class MetricsAllocationTests(ITestOutputHelper output)
{
    private const int Features = 20;

    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: Features, rows: 2_000);

    [Fact]
    public async Task Scrape_AllocatesOnlyTheApisTagCopyPerPoint()
    {
        var small = await ScrapeAsync(models: 40);
        var large = await ScrapeAsync(models: 80);

        // Forty models more: every point they add (counts per feature, scores, p-values, verdicts)
        // may cost its tag copy and nothing else; what a callback allocates once cancels out.
        long points = large.Points - small.Points;
        Assert.True(points >= 40 * Features * 5, $"only {points} more points");
        long extra = large.Allocated - small.Allocated;
        long copies = large.TagCopyBytes - small.TagCopyBytes;
        output.WriteLine($"{points:N0} more points: {extra:N0} bytes allocated, their tag copies {copies:N0} bytes ({(double)extra / points:F1} B per point)");
        Assert.True(extra <= copies, $"{extra:N0} bytes for {points:N0} more points; their tag copies are {copies:N0} bytes");
    }

    private static async Task<(long Points, long Allocated, long TagCopyBytes)> ScrapeAsync(int models)
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric(TestModels.FeatureNames(Features)).Reference(Reference).Window(TimeSpan.FromMinutes(1)));
        using var _ = services;
        for (int i = 1; i < models; i++)
        {
            watch.AddModel("m" + i, m => m.Numeric(TestModels.FeatureNames(Features)).Reference(Reference).Window(TimeSpan.FromMinutes(1)));
        }

        var rng = new SplitMix64(3);
        var row = new double[Features];
        foreach (var info in watch.Models)
        {
            var monitor = watch.GetMonitor(info.Name);
            for (int r = 0; r < 200; r++)
            {
                for (int c = 0; c < Features; c++)
                {
                    row[c] = rng.NextNormal() + (c == 0 ? 1 : 0);
                }

                monitor.Log(row, rng.NextNormal());
            }
        }

        time.Advance(TimeSpan.FromMinutes(1));
        await watch.EvaluateAsync();

        var meter = services.GetRequiredService<ModelRegistry>().Metrics.Meter;
        long points = 0;
        long copyBytes = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };

        void Count(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            points++;
            copyBytes += 24 + (16 * tags.Length); // a KeyValuePair<string, object?>[] of that length on 64-bit
        }

        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Count(tags));
        listener.SetMeasurementEventCallback<int>((_, _, tags, _) => Count(tags));
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Count(tags));
        listener.Start();

        listener.RecordObservableInstruments(); // warm: the first call JIT-compiles the callbacks
        points = copyBytes = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        listener.RecordObservableInstruments();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return (points, allocated, copyBytes);
    }
}

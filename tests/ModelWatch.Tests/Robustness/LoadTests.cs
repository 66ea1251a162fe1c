using System.Globalization;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Robustness;

/// <summary>
/// Load and soak: two threads logging while windows rotate, evaluation runs and snapshots are
/// written; an endless stream of new categories and of prediction ids that never get labels. Sizes
/// are reduced for CI; <c>MODELWATCH_LOAD_CALLS</c> and <c>MODELWATCH_SOAK_CALLS</c> set the full
/// ones (docs/reliability.md). Figures go to the test output; nothing here asserts a time.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class LoadTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-load-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static long Setting(string name, long ciDefault) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value > 0 ? value : ciDefault;

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact]
    public async Task TwoThreads_WhileWindowsRotateEvaluateAndSnapshot_CountsExact_HeapFlat()
    {
        long perThread = Setting("MODELWATCH_LOAD_CALLS", 2_000_000) / 2;
        const int features = 10;
        var reference = TestModels.NormalReference(features, rows: 5_000);
        var (services, watch, time) = TestModels.Create(m => m.Numeric(TestModels.FeatureNames(features)).Reference(reference).Window(TimeSpan.FromMinutes(1)));
        using var _ = services;
        var scheduler = services.Snapshots(new FileProfileStore(_folder));
        var monitor = watch.GetMonitor("m");
        long[] progress = new long[2];
        int rotations = 0;
        using var start = new Barrier(3);
        Exception? failure = null;
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            try
            {
                var rng = new SplitMix64((ulong)t + 11);
                var row = new double[features];
                start.SignalAndWait();
                for (long i = 0; i < perThread; i++)
                {
                    for (int f = 0; f < features; f++)
                    {
                        row[f] = rng.NextNormal();
                    }

                    monitor.Log(row, rng.NextNormal());
                    if ((i & 1023) == 0)
                    {
                        Volatile.Write(ref progress[t], i);

                        // Paced to the evaluator: at most 1/50 of the calls per window rotation, so the
                        // run spans enough rotations to sample the heap however fast logging is.
                        while (i > (Volatile.Read(ref rotations) + 1) * (perThread / 50))
                        {
                            Thread.Yield();
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();

        // The evaluator's side, as fast as it can: rotate, evaluate, snapshot.
        long warmHeap = 0, maxHeap = 0;
        int snapshots = 0;
        while (threads.Any(t => t.IsAlive))
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await watch.EvaluateAsync();
            Interlocked.Increment(ref rotations);
            if (rotations % 5 == 0)
            {
                await scheduler.SnapshotAsync(CancellationToken.None);
                snapshots++;
            }

            // After warm-up (a quarter of the calls, and the history of 24 windows full), the heap must not grow.
            long done = Volatile.Read(ref progress[0]) + Volatile.Read(ref progress[1]);
            if (done > perThread / 2 && rotations > 30 && rotations % 10 == 0)
            {
                long heap = Heap();
                warmHeap = warmHeap == 0 ? heap : warmHeap;
                maxHeap = Math.Max(maxHeap, heap);
            }
        }

        threads.ForEach(t => t.Join());
        Assert.Null(failure);
        time.Advance(TimeSpan.FromMinutes(1));
        await watch.EvaluateAsync();
        await scheduler.SnapshotAsync(CancellationToken.None);
        long endHeap = Heap();

        var totals = services.SingleMonitor().Totals;
        output.WriteLine($"calls: {2 * perThread:N0} (2 threads), window rotations {rotations:N0}, evaluations {rotations + 1:N0}, snapshots {snapshots + 1:N0}");
        output.WriteLine($"managed heap after warm-up {warmHeap / 1e6:F1} MB, largest sample {maxHeap / 1e6:F1} MB, at the end {endHeap / 1e6:F1} MB");
        Assert.Equal(2 * perThread, totals.Events);
        Assert.Equal(0, totals.SchemaViolations);
        Assert.True(rotations > 30, $"only {rotations} rotations: the load ended before the heap could be sampled");
        Assert.True(warmHeap > 0, "no heap sample after warm-up");
        Assert.True(endHeap < warmHeap + (8 << 20), $"heap grew from {warmHeap:N0} to {endHeap:N0} bytes");
        Assert.True(maxHeap < warmHeap + (8 << 20), $"heap reached {maxHeap:N0} bytes from {warmHeap:N0}");
    }

    [Fact]
    public async Task Soak_NewCategoriesAndUnlabelledIds_MemoryStaysAtTheCaps()
    {
        long calls = Setting("MODELWATCH_SOAK_CALLS", 400_000);
        const int capacity = 20_000;
        var reference = TestModels.NormalReference(features: 1, rows: 2_000, categories: ["a", "b", "c"]);
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0").Categorical("c0").BinaryClassification()
            .Outcomes(capacity, TimeSpan.FromDays(1)).Reference(reference).Window(TimeSpan.FromMinutes(1)));
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        var rng = new SplitMix64(3);
        long warmHeap = 0, maxHeap = 0;
        for (long i = 0; i < calls; i++)
        {
            // Every category and every id is new, and no label ever arrives.
            monitor.Log([rng.NextNormal()], ["category-" + i.ToString(CultureInfo.InvariantCulture)], 0.5, "prediction-" + i.ToString(CultureInfo.InvariantCulture));
            if (i % 10_000 == 9_999)
            {
                time.Advance(TimeSpan.FromMinutes(1));
                await watch.EvaluateAsync();
                if (i > calls / 4)
                {
                    long heap = Heap();
                    warmHeap = warmHeap == 0 ? heap : warmHeap;
                    maxHeap = Math.Max(maxHeap, heap);
                }
            }
        }

        var counts = watch.GetOutcomeCounts("m");
        var current = watch.GetHistory("m")[^1];
        output.WriteLine($"calls: {calls:N0} new categories and unlabelled ids; pending {counts.Pending:N0} (capacity {capacity:N0}), evicted {counts.Evicted:N0}");
        output.WriteLine($"managed heap after warm-up {warmHeap / 1e6:F1} MB, largest {maxHeap / 1e6:F1} MB");
        Assert.Equal(capacity, counts.Pending);
        Assert.Equal(calls - capacity, counts.Evicted);
        Assert.True(maxHeap < warmHeap + (8 << 20), $"heap reached {maxHeap:N0} bytes from {warmHeap:N0}");
        Assert.Equal(current.Predictions, current.Features.Single(f => f.Name == "c0").UnseenCount);
    }
}

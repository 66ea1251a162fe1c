using ModelWatch.Monitoring;
using ModelWatch.Statistics;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Log_TwoThreadsWhileWindowsRotateAndEvaluationRuns_CountsExactMomentsEqual()
    {
        const int perThread = 1_000_000, features = 4;
        var reference = TestModels.NormalReference(features, rows: 5_000);
        var (services, watch, time) = TestModels.Create(m => m.Numeric(TestModels.FeatureNames(features)).Reference(reference)
            .Window(TimeSpan.FromMinutes(1)).Configure(o => o.Window.HistoryWindows = 10_000));
        using var _ = services;
        var monitor = watch.GetMonitor("m");

        // What the threads will log, so a single-threaded accumulator can check the result.
        double[][] streams = [TestStreams.Normal(101, perThread, mean: 5, sd: 2), TestStreams.Normal(202, perThread, mean: 5, sd: 2)];
        using var start = new Barrier(3);

        // Rotations so far (shared with the logging threads): they pause at each eighth of their
        // stream until the clock has moved, so windows rotate while they log however the threads
        // are scheduled (on two cores the rotating thread could otherwise wait until they finish).
        int[] rotated = [0];
        var threads = streams.Select(stream => new Thread(() =>
        {
            var row = new double[features];
            int stage = Math.Max(1, stream.Length / 8);
            start.SignalAndWait();
            for (int i = 0; i < stream.Length; i++)
            {
                if (i % stage == 0)
                {
                    int wanted = Math.Min(i / stage, 4_999);
                    SpinWait.SpinUntil(() => Volatile.Read(ref rotated[0]) >= wanted, TimeSpan.FromSeconds(10));
                }

                row[0] = stream[i];
                row[1] = row[2] = row[3] = 0.5;
                monitor.Log(row, 0.1);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();

        // Rotate at most 5,000 times, so the history (10,000 windows) keeps every closed window.
        int rotations = 0;
        while (threads.Any(t => t.IsAlive))
        {
            if (rotations < 5_000)
            {
                time.Advance(TimeSpan.FromMinutes(1));
                rotations++;
                Volatile.Write(ref rotated[0], rotations);
            }

            await watch.EvaluateAsync();
        }

        threads.ForEach(t => t.Join());
        time.Advance(TimeSpan.FromMinutes(1));
        await watch.EvaluateAsync();

        var closed = watch.GetHistory("m");
        Assert.Equal(2L * perThread, closed.Sum(r => r.Predictions));
        Assert.True(rotations > 1, "windows rotated while the threads logged");

        // Merge the per-window mean and variance of f0 (Chan et al.) and compare with one accumulator.
        double n = 0, mean = 0, m2 = 0;
        foreach (var f in closed.Select(r => r.Features.Single(x => x.Name == "f0")).Where(f => f.Count > 0))
        {
            double nb = f.Count, delta = f.Mean - mean, total = n + nb;
            m2 += f.StandardDeviation * f.StandardDeviation * nb + delta * delta * n * nb / total;
            mean += delta * nb / total;
            n = total;
        }

        var expected = new Moments();
        expected.Add(streams[0]);
        expected.Add(streams[1]);
        Assert.Equal(expected.Count, (long)n);
        Tolerance.Close(expected.Mean, mean, 0, 1e-9, "mean of f0");
        Tolerance.Close(expected.PopulationVariance, m2 / n, 0, 1e-9, "variance of f0");
    }

    [Fact]
    public async Task CountWindows_TwoThreadsAndShards_HoldExactlyTheirSize()
    {
        const int perThread = 100_000, size = 1_000;
        var reference = TestModels.NormalReference(features: 1, rows: 2_000);
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0").Reference(reference)
            .WindowByCount(size).Configure(o => o.Window.HistoryWindows = 1_000));
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        using var start = new Barrier(3);
        var threads = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < perThread; i++)
            {
                monitor.Log([0.5], 0.1);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();
        while (threads.Any(t => t.IsAlive))
        {
            await watch.EvaluateAsync();
        }

        threads.ForEach(t => t.Join());
        await watch.EvaluateAsync();

        var closed = watch.GetHistory("m");
        Assert.Equal(2 * perThread / size, closed.Count);
        Assert.All(closed, r => Assert.Equal(size, r.Predictions));
    }
}

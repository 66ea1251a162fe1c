using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Runtime;

/// <summary>
/// A pass's models evaluated in batches ahead of publishing (<see cref="EvaluationBatches"/>): every
/// model once, in model order; an evaluation failure reaches the pass; a stopped pass evaluates
/// nothing more once it has been disposed.
/// </summary>
public sealed class EvaluationBatchesTests
{
    [Fact]
    public async Task PassOverSeveralBatches_PublishesEveryModelOnce_InModelOrder()
    {
        // 150 models at parallelism 2: three batches of at most 64.
        var reference = TestModels.NormalReference(2, rows: 500);
        var (services, watch, _) = TestModels.Create(
            m => m.Numeric("f0", "f1").Reference(reference),
            o => o.EvaluationParallelism = 2,
            more: builder =>
            {
                for (int k = 1; k < 150; k++)
                {
                    builder.AddModel("m" + k, m => m.Numeric("f0", "f1").Reference(reference));
                }
            });
        using var _ = services;
        var order = services.Registry().Monitors.Select(m => m.ModelName).ToArray();
        foreach (string model in order)
        {
            watch.GetMonitor(model).Log([0.1, -0.2], 0.5);
        }

        var reports = await watch.EvaluateAsync();

        Assert.Equal(order, reports.Select(r => r.ModelName));
    }

    [Fact]
    public async Task Batches_ArriveInModelOrder_WithEveryModelEvaluatedOnce()
    {
        var monitors = Monitors(100);
        int evaluated = 0;
        var seen = new List<ModelMonitor>();
        await using (var batches = new EvaluationBatches(monitors, batchSize: 8, parallelism: 2, (m, _) => { Interlocked.Increment(ref evaluated); return new MonitorEvaluation(); }, CancellationToken.None))
        {
            await foreach (var batch in batches.Finished)
            {
                Assert.All(batch.Evaluations, Assert.NotNull);
                seen.AddRange(batch.Models);
            }
        }

        Assert.Equal(monitors, seen);
        Assert.Equal(100, evaluated);
    }

    [Fact]
    public async Task Disposed_StopsTheEvaluation_AndNoneRunsAfterwards()
    {
        // The second batch's evaluations wait for the pass to stop: disposing must end them all.
        var monitors = Monitors(40);
        int running = 0, evaluated = 0;
        var batches = new EvaluationBatches(
            monitors,
            batchSize: 10,
            parallelism: 2,
            (m, token) =>
            {
                Interlocked.Increment(ref running);
                if (Array.IndexOf(monitors, m) >= 10)
                {
                    token.WaitHandle.WaitOne();
                }

                Interlocked.Increment(ref evaluated);
                Interlocked.Decrement(ref running);
                return token.IsCancellationRequested ? null : new MonitorEvaluation();
            },
            CancellationToken.None);

        await using (var reader = batches.Finished.GetAsyncEnumerator())
        {
            Assert.True(await reader.MoveNextAsync());
            Assert.Equal(10, reader.Current.Models.Count);
            await batches.DisposeAsync();
        }

        Assert.Equal(0, Volatile.Read(ref running));
        int after = Volatile.Read(ref evaluated);
        Assert.InRange(after, 10, 20); // the first batch, and the one stopped under way
        await Task.Yield();
        Assert.Equal(after, Volatile.Read(ref evaluated));
    }

    [Fact]
    public async Task FailingEvaluation_ReachesTheReader()
    {
        var monitors = Monitors(5);
        await using var batches = new EvaluationBatches(monitors, batchSize: 2, parallelism: 2, (m, _) => throw new InvalidDataException("broken"), CancellationToken.None);

        var thrown = await Assert.ThrowsAsync<AggregateException>(async () =>
        {
            await foreach (var batch in batches.Finished)
            {
            }
        });
        Assert.IsType<InvalidDataException>(thrown.InnerException);
    }

    private static ModelMonitor[] Monitors(int count)
    {
        var reference = TestModels.NormalReference(1, rows: 200);
        var (services, _, _) = TestModels.Create(
            m => m.Numeric("f0").Reference(reference),
            more: builder =>
            {
                for (int k = 1; k < count; k++)
                {
                    builder.AddModel("m" + k, m => m.Numeric("f0").Reference(reference));
                }
            });
        using (services)
        {
            return [.. services.Registry().Monitors]; // the delegates under test never touch them
        }
    }
}

using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// <see cref="IModelWatch.RemoveModelAsync"/>: a per-entity model whose entity went away leaves
/// everything — the model list, queries, evaluation, metrics, this replica's snapshots — and its
/// memory is released.
/// </summary>
public sealed class ModelRemovalTests : IDisposable
{
    private const int Features = 5;

    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: Features, rows: 2_000);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-remove-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static void Define(ModelBuilder m) => m.Numeric(TestModels.FeatureNames(Features)).Reference(Reference).Window(TimeSpan.FromMinutes(1));

    private static void LogRows(IModelWatch watch, string model, int rows, int seed)
    {
        var monitor = watch.GetMonitor(model);
        var rng = new SplitMix64((ulong)seed);
        var row = new double[Features];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < Features; c++)
            {
                row[c] = rng.NextNormal();
            }

            monitor.Log(row, rng.NextNormal());
        }
    }

    [Fact]
    public async Task RemovedModel_LeavesTheListQueriesEvaluationAndMetrics()
    {
        var (services, watch, time) = TestModels.Create(Define);
        using var _ = services;
        watch.AddModel("gone", Define);
        watch.AddModel("gone", m =>
        {
            Define(m);
            m.Version("2");
        });
        LogRows(watch, "m", 100, 1);
        LogRows(watch, "gone", 100, 2);
        time.Advance(TimeSpan.FromMinutes(1));
        await watch.EvaluateAsync();
        Assert.NotNull(watch.GetLatestReport("gone"));

        Assert.True(await watch.RemoveModelAsync("gone"));

        Assert.Equal(["m"], watch.Models.Select(m => m.Name));
        Assert.Throws<KeyNotFoundException>(() => watch.GetMonitor("gone"));
        Assert.Throws<KeyNotFoundException>(() => watch.GetMonitor("gone", "2"));
        Assert.Throws<KeyNotFoundException>(() => watch.GetLatestReport("gone"));
        Assert.False(await watch.RemoveModelAsync("gone"));
        Assert.False(await watch.RemoveModelAsync("never-added"));

        LogRows(watch, "m", 100, 3);
        time.Advance(TimeSpan.FromMinutes(1));
        var reports = await watch.EvaluateAsync();
        Assert.All(reports, r => Assert.Equal("m", r.ModelName));
        Assert.DoesNotContain(services.Registry().Monitors, m => m.ModelName == "gone");

        // Declared again, the name is a new model: nothing of the removed one comes back.
        watch.AddModel("gone", Define);
        Assert.Null(watch.GetLatestReport("gone"));
        Assert.Equal(0, services.Registry().Version("gone", "1").Totals.Events);
    }

    [Fact]
    public async Task RemovedModels_AreFreed()
    {
        var (services, watch, time) = TestModels.Create(Define);
        using var _ = services;
        var removed = await AddEvaluateAndRemoveAsync(watch, time, models: 200);

        Assert.Equal(["m"], watch.Models.Select(m => m.Name));

        // Collected once nothing refers to them. A pass's parallel work items that a busy thread pool
        // has not dequeued yet may hold that pass's array of models for a moment, so the pool gets up
        // to five seconds to drain; a reference ModelWatch kept would keep them alive throughout.
        for (int attempt = 0; attempt < 50 && removed.Any(w => w.IsAlive); attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (removed.Any(w => w.IsAlive))
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(0, removed.Count(w => w.IsAlive));
    }

    /// <summary>Adds per-entity models, logs into them, evaluates them twice, removes them; holds them only weakly.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference[]> AddEvaluateAndRemoveAsync(IModelWatch watch, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, int models)
    {
        var weak = new WeakReference[models];
        for (int i = 0; i < models; i++)
        {
            weak[i] = new WeakReference(watch.AddModel("entity-" + i, Define));
            LogRows(watch, "entity-" + i, 50, i);
        }

        for (int pass = 0; pass < 2; pass++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await watch.EvaluateAsync();
        }

        for (int i = 0; i < models; i++)
        {
            Assert.True(await watch.RemoveModelAsync("entity-" + i));
        }

        return weak;
    }

    [Fact]
    public async Task RemovingWaitsForTheEvaluationUnderWay_AndNothingOfTheModelIsPublishedAfter()
    {
        var (services, watch, time) = TestModels.Create(Define, o => o.HandlerTimeout = TimeSpan.FromMinutes(5));
        using var _ = services;
        watch.AddModel("gone", Define);
        LogRows(watch, "m", 100, 1);
        LogRows(watch, "gone", 100, 2);
        time.Advance(TimeSpan.FromMinutes(1));

        using var entered = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var published = new List<string>();
        var late = new List<string>();
        bool removedReturned = false;
        watch.ReportPublished += (_, e) =>
        {
            lock (published)
            {
                (Volatile.Read(ref removedReturned) ? late : published).Add(e.Report.ModelName);
            }

            if (e.Report.ModelName == "gone")
            {
                entered.Release();
                release.Wait();
            }
        };

        var evaluation = watch.EvaluateAsync();
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)));
        var removal = watch.RemoveModelAsync("gone");
        await Task.Delay(50);
        Assert.False(removal.IsCompleted);

        release.Release();
        await evaluation;
        Assert.True(await removal);
        Volatile.Write(ref removedReturned, true);

        LogRows(watch, "m", 10, 3);
        time.Advance(TimeSpan.FromMinutes(1));
        await watch.EvaluateAsync();
        Assert.Contains("gone", published);
        Assert.Equal(["m"], late);
    }

    [Fact]
    public async Task RemovedModel_ItsSnapshotsAreDeleted_OtherModelsKeepTheirs()
    {
        var (services, watch, time) = TestModels.Create(Define, more: b => b.UseFileStore(_folder));
        using var _ = services;
        watch.AddModel("gone", Define);
        LogRows(watch, "m", 100, 1);
        LogRows(watch, "gone", 100, 2);
        time.Advance(TimeSpan.FromMinutes(1));
        await watch.EvaluateAsync();
        var scheduler = services.Scheduler();
        await scheduler.SnapshotAsync(CancellationToken.None);
        await scheduler.SnapshotAsync(CancellationToken.None); // both slots written

        var store = services.GetRequiredService<IProfileStore>();
        Assert.Equal(2, await SnapshotCountAsync(store, scheduler, "gone"));

        Assert.True(await watch.RemoveModelAsync("gone"));
        Assert.Equal(0, await SnapshotCountAsync(store, scheduler, "gone"));
        Assert.Equal(2, await SnapshotCountAsync(store, scheduler, "m"));

        // Later saves do not write it again.
        await scheduler.SnapshotAsync(CancellationToken.None);
        Assert.Equal(0, await SnapshotCountAsync(store, scheduler, "gone"));
    }

    private static async Task<int> SnapshotCountAsync(IProfileStore store, SnapshotScheduler scheduler, string model)
    {
        var entries = await store.ListAsync(model, "1", CancellationToken.None);
        return entries.Count(scheduler.SnapshotEntries.Contains);
    }
}

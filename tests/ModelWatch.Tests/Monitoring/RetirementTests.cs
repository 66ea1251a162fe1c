using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// A model version replaced by a newer one and idle (no predictions, no outcomes, none pending) for
/// <see cref="ModelWatchOptions.RetireIdleVersionsAfter"/> is retired: no longer evaluated, saved or
/// exported, and its monitor is freed. Hours pass on a fake clock.
/// </summary>
public sealed class RetirementTests : IDisposable
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 2_000);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-retire-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static ModelBuilder Define(ModelBuilder m, string version) => m.Version(version).Numeric("f0", "f1").Reference(Reference);

    /// <summary>Weakly holds a version's monitor, so the test itself keeps nothing alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Weakly(IModelWatch watch, string version) => new(watch.GetMonitor("m", version));

    /// <summary>Passes <paramref name="hours"/> hours, each with traffic to the handle (the current version), an evaluation and a snapshot.</summary>
    private static async Task RunHours(ServiceProvider services, IModelWatch watch, FakeTimeProvider time, int hours)
    {
        var handle = watch.GetMonitor("m");
        for (int h = 0; h < hours; h++)
        {
            handle.Log([0.1, 0.2], 0.3);
            time.Advance(TimeSpan.FromHours(1));
            await watch.EvaluateAsync();
            await services.Scheduler().SnapshotAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ReplacedVersionWithoutTraffic_IsRetiredAfterADay_AndItsMonitorIsFreed()
    {
        var (services, watch, time) = TestModels.Create(m => Define(m, "1"), more: b => b.UseFileStore(_folder));
        using var _ = services;
        watch.GetMonitor("m").Log([0.1, 0.2], 0.3);
        await watch.EvaluateAsync();
        watch.AddModel("m", m => Define(m, "2"));
        var v1 = Weakly(watch, "1");

        await RunHours(services, watch, time, 23);
        Assert.Equal(["1", "2"], watch.Models.Select(m => m.Version));

        await RunHours(services, watch, time, 2);
        Assert.Equal(["2"], watch.Models.Select(m => m.Version));
        Assert.Throws<KeyNotFoundException>(() => watch.GetMonitor("m", "1"));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(v1.IsAlive);
    }

    [Fact]
    public async Task ReplacedVersionStillLoggedTo_IsNotRetired()
    {
        var (services, watch, time) = TestModels.Create(m => Define(m, "1"), more: b => b.UseFileStore(_folder));
        using var _ = services;
        watch.AddModel("m", m => Define(m, "2"));
        var v1 = watch.GetMonitor("m", "1");
        for (int h = 0; h < 48; h++)
        {
            v1.Log([0.1, 0.2], 0.3);
            time.Advance(TimeSpan.FromHours(1));
            await watch.EvaluateAsync();
        }

        Assert.Equal(["1", "2"], watch.Models.Select(m => m.Version));
    }

    [Fact]
    public async Task ReplacedVersionAwaitingOutcomes_IsKeptUntilTheyArriveOrExpire_ThenRetired()
    {
        var (services, watch, time) = TestModels.Create(m => Define(m, "1").BinaryClassification().Outcomes(capacity: 100, timeToLive: TimeSpan.FromDays(3)));
        using var _ = services;
        watch.GetMonitor("m").Log([0.1, 0.2], [], 0.9, "late-label");
        watch.GetMonitor("m").Log([0.1, 0.2], [], 0.9, "never-labelled");
        watch.AddModel("m", m => Define(m, "2").BinaryClassification());

        // Two days without traffic, but predictions of version 1 still wait for their outcomes.
        for (int h = 0; h < 48; h++)
        {
            time.Advance(TimeSpan.FromHours(1));
            await watch.EvaluateAsync();
        }

        Assert.Equal(["1", "2"], watch.Models.Select(m => m.Version));
        watch.GetMonitor("m").RecordOutcome("late-label", 1);
        await watch.EvaluateAsync();
        Assert.Equal(1, services.Registry().Version("m", "1").Outcomes!.Counts().Joined);

        // The other one expires after three days; a day later version 1 is retired.
        for (int h = 0; h < 24 * 3; h++)
        {
            time.Advance(TimeSpan.FromHours(1));
            await watch.EvaluateAsync();
        }

        Assert.Equal(["2"], watch.Models.Select(m => m.Version));
    }

    [Fact]
    public async Task CurrentVersion_AndEveryVersionWhenRetirementIsOff_AreNeverRetired()
    {
        var (services, watch, time) = TestModels.Create(m => Define(m, "1"), o => o.RetireIdleVersionsAfter = Timeout.InfiniteTimeSpan);
        using var _ = services;
        var (onlyServices, only, onlyTime) = TestModels.Create(m => Define(m, "1"));
        using var _o = onlyServices;
        watch.AddModel("m", m => Define(m, "2"));
        for (int h = 0; h < 72; h++)
        {
            time.Advance(TimeSpan.FromHours(1));
            onlyTime.Advance(TimeSpan.FromHours(1));
            await watch.EvaluateAsync();
            await only.EvaluateAsync();
        }

        Assert.Equal(["1", "2"], watch.Models.Select(m => m.Version));
        Assert.Equal(["1"], only.Models.Select(m => m.Version));
    }

    [Theory]
    [InlineData(30, false)]
    [InlineData(-1, true)]
    [InlineData(60, true)]
    public void RetireIdleVersionsAfter_ShorterThanTheIntervals_IsAConfigurationError(int seconds, bool valid)
    {
        var options = new ModelWatchOptions
        {
            SnapshotInterval = TimeSpan.FromMinutes(1),
            RetireIdleVersionsAfter = seconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds),
        };
        var result = new ModelWatchOptionsValidator().Validate(null, options);
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("RetireIdleVersionsAfter", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}

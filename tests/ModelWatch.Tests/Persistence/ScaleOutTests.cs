using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Profiles;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Persistence;

/// <summary>
/// Scale-out through the store: replicas save the profile of every closed window; merged, the
/// replicas' profiles equal one monitor's over the whole stream, and the fleet's verdicts are that
/// monitor's (docs/persistence.md, "Scale-out").
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-fleet-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestModels.Start);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private HostedModelWatch Create(string folder, string replica, ReferenceProfile reference, Action<ModelWatchOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging();
        services.AddModelWatch(o =>
            {
                o.ShardCount = 2;
                o.ReplicaId = replica;
                options?.Invoke(o);
            })
            .AddModel("m", m => m.Numeric("v").Categorical("c").Prediction(PredictionKind.None).Window(Hour).KeepWindowProfiles().Reference(reference)
                // Two-sample KS at every size, as the oracle: the default switches to PSI beyond 5,000 values.
                .Configure(o => o.Drift.LargeSampleThreshold = 10_000_000))
            .UseFileStore(folder);
        return new HostedModelWatch(services.BuildServiceProvider());
    }

    private static string Category(double v) => v < 0 ? "negative" : v < 1 ? "low" : "high";

    private static Profile ProfileOf(double[] values)
    {
        var builder = new ProfileBuilder(["v"], ["c"]);
        foreach (double v in values)
        {
            builder.Add([v], [Category(v)]);
        }

        return builder.Build(ProfileKind.Reference);
    }

    public static TheoryData<string> OracleCases => new() { "ks_public_223", "ks_public_228", "ks_public_229", "ks_public_231", "ks_public_232" };

    [Theory]
    [MemberData(nameof(OracleCases))]
    public async Task FourReplicasMerged_EqualOneMonitorOverTheWholeStream(string id)
    {
        var c = Oracle.Case("ks_two_sample", id);
        double[] x = Oracle.Sample(c.GetProperty("x")), y = Oracle.Sample(c.GetProperty("y"));
        bool oracleDrift = c.GetProperty("expected").GetProperty("p_auto").GetDouble() < 0.05;
        var referenceProfile = ProfileOf(x);
        var reference = referenceProfile.ToReference();

        string fleetFolder = Path.Combine(_folder, "fleet"), singleFolder = Path.Combine(_folder, "single");
        var replicas = Enumerable.Range(0, 4).Select(r => Create(fleetFolder, "pod-" + r, reference)).ToArray();
        await using var single = Create(singleFolder, "single", reference);
        foreach (var host in replicas.Append(single))
        {
            await host.StartAsync();
        }

        // The current data, dealt round-robin to the replicas and all of it to the single monitor.
        for (int i = 0; i < y.Length; i++)
        {
            double[] value = [y[i]];
            string?[] category = [Category(y[i])];
            replicas[i % 4].Watch.GetMonitor("m").Log(value, category, double.NaN);
            single.Watch.GetMonitor("m").Log(value, category, double.NaN);
        }

        _time.Advance(Hour);
        foreach (var host in replicas.Append(single))
        {
            await host.Watch.EvaluateAsync();
            await host.StopAsync(); // saves the snapshot and the queued window profiles
        }

        var fleet = new FileProfileStore(fleetFolder);
        var entries = await fleet.ListWindowProfilesAsync("m", "1");
        Assert.Equal(["pod-0", "pod-1", "pod-2", "pod-3"], entries.Select(e => e.Replica).ToArray());
        Assert.All(entries, e => Assert.Equal(TestModels.Start, e.WindowStart));
        var merged = await fleet.MergeWindowProfilesAsync("m", "1", TestModels.Start);
        var whole = await new FileProfileStore(singleFolder).MergeWindowProfilesAsync("m", "1", TestModels.Start);
        Assert.NotNull(merged);
        Assert.NotNull(whole);
        Assert.Equal(ProfileKind.Window, merged.Kind);
        Assert.Equal(y.Length, merged.Rows);
        Assert.Equal(TestModels.Start, merged.WindowStart);
        Assert.Equal(TestModels.Start + Hour, merged.WindowEnd);

        // Counts and moments: equal to one monitor's, and to the data's own (1e-9 relative).
        var a = whole.Find("v")!.Moments!;
        var b = merged.Find("v")!.Moments!;
        Assert.Equal(y.Length, b.Count);
        Assert.Equal(a.Count, b.Count);
        Assert.Equal(a.Min, b.Min);
        Assert.Equal(a.Max, b.Max);
        Tolerance.Close(a.Mean, b.Mean, 1e-12, 1e-9, "mean");
        Tolerance.Close(a.SampleVariance, b.SampleVariance, 0, 1e-9, "variance");
        Tolerance.Close(a.Skewness, b.Skewness, 1e-9, 1e-9, "skewness");
        Tolerance.Close(y.Average(), b.Mean, 1e-12, 1e-9, "mean of the data");

        // Quantiles: within the sketches' rank-error bounds of each other.
        var sa = whole.Find("v")!.Sketch!;
        var sb = merged.Find("v")!.Sketch!;
        double worst = 0;
        for (double q = 0.01; q < 1; q += 0.01)
        {
            // The single sketch's rank interval of the merged quantile (wide where values repeat) should hold q.
            double value = sb.Quantile(q);
            double below = (double)sa.Rank(Math.BitDecrement(value)) / sa.Count, upTo = (double)sa.Rank(value) / sa.Count;
            worst = Math.Max(worst, q < below ? below - q : q > upTo ? q - upTo : 0);
        }

        output.WriteLine($"{id}: n = {y.Length}, worst rank gap between merged and single quantiles {worst:E2} (bound {2 * sa.RankErrorBound:E2})");
        Assert.True(worst <= (2 * sa.RankErrorBound) + (1.0 / y.Length), $"rank gap {worst}");
        Assert.Equal(
            whole.Find("c")!.Categories!.GetCounts().ToDictionary(e => e.Value, e => e.LowerBound),
            merged.Find("c")!.Categories!.GetCounts().ToDictionary(e => e.Value, e => e.LowerBound));

        // Verdicts: the fleet's merged window, the single monitor's profile and the single monitor's own report agree.
        var monitorReport = Assert.Single(single.Watch.GetHistory("m"));
        var drift = new DriftOptions { LargeSampleThreshold = 10_000_000 };
        var fromMerged = ProfileComparison.Compare(referenceProfile, merged, drift);
        var fromWhole = ProfileComparison.Compare(referenceProfile, whole, drift);
        foreach (var feature in monitorReport.Features)
        {
            var m = fromMerged.Features.Single(f => f.Name == feature.Name);
            var w = fromWhole.Features.Single(f => f.Name == feature.Name);
            output.WriteLine($"  {feature.Name}: monitor {feature.Verdict?.Detector} {feature.Verdict?.Statistic:G6} p {feature.Verdict?.PValue:G4} drift {feature.IsDrift}; merged profile {m.Verdict?.Statistic:G6} p {m.Verdict?.PValue:G4} drift {m.IsDrift}");
            Assert.Equal(feature.IsDrift, m.IsDrift);
            Assert.Equal(feature.IsDrift, w.IsDrift);
        }

        Assert.Equal(oracleDrift, monitorReport.Features.Single(f => f.Name == "v").IsDrift);
        Assert.Equal(monitorReport.IsDrift, fromMerged.IsDrift);
        foreach (var host in replicas)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Retention_KeepsTheNewestByCountAndAge_AndLeavesOtherReplicasAlone()
    {
        var reference = TestModels.NormalReference(features: 1, rows: 2_000);
        string byCount = Path.Combine(_folder, "count"), byAge = Path.Combine(_folder, "age");
        var store = new FileProfileStore(byCount);

        // Another replica's window profile in the same store must survive this replica's pruning.
        string foreign = "other/window/20200101T000000000Z.mwp";
        await store.WriteAsync("m", "1", foreign, (s, ct) => s.WriteAsync("{}"u8.ToArray(), ct).AsTask(), CancellationToken.None);

        await using var counted = CreatePlain(byCount, "pod-a", reference, o => o.WindowProfileMaxCount = 4);
        await using var aged = CreatePlain(byAge, "pod-a", reference, o => o.WindowProfileMaxAge = TimeSpan.FromMinutes(150));
        await counted.StartAsync();
        await aged.StartAsync();
        var start = _time.GetUtcNow();
        for (int hour = 0; hour < 6; hour++)
        {
            counted.Watch.GetMonitor("m").Log([0.5], 0.5);
            aged.Watch.GetMonitor("m").Log([0.5], 0.5);
            _time.Advance(Hour);
            await counted.Watch.EvaluateAsync();
            await aged.Watch.EvaluateAsync();
        }

        await counted.StopAsync();
        await aged.StopAsync();

        // Six windows closed; by count the newest four stay, by age (150 minutes before the sixth hour's end) two.
        var kept = await store.ListWindowProfilesAsync("m", "1");
        Assert.Equal(
            [foreign, .. Enumerable.Range(2, 4).Select(h => $"pod-a/window/{start.AddHours(h).UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}.mwp")],
            kept.Select(e => e.Entry).ToArray());
        var young = await new FileProfileStore(byAge).ListWindowProfilesAsync("m", "1");
        Assert.Equal([start.AddHours(4), start.AddHours(5)], young.Select(e => e.WindowStart!.Value).ToArray());
    }

    private HostedModelWatch CreatePlain(string folder, string replica, ReferenceProfile reference, Action<ModelWatchOptions> options)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging();
        services.AddModelWatch(o =>
            {
                o.ReplicaId = replica;
                options(o);
            })
            .AddModel("m", m => m.Numeric("f0").Window(Hour).KeepWindowProfiles().Reference(reference))
            .UseFileStore(folder);
        return new HostedModelWatch(services.BuildServiceProvider());
    }

    [Fact]
    public async Task WithoutKeepProfiles_NoWindowProfileIsSaved()
    {
        var reference = TestModels.NormalReference(features: 1, rows: 2_000);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddModelWatch().AddModel("m", m => m.Numeric("f0").Window(Hour).Reference(reference)).UseFileStore(_folder);
        await using var host = new HostedModelWatch(services.BuildServiceProvider());
        await host.StartAsync();
        host.Watch.GetMonitor("m").Log([0.5], 0.5);
        _time.Advance(Hour);
        await host.Watch.EvaluateAsync();
        await host.StopAsync();
        Assert.Empty(await new FileProfileStore(_folder).ListWindowProfilesAsync("m", "1"));
        Assert.All(await new FileProfileStore(_folder).ListAsync("m", "1", CancellationToken.None), e => Assert.Contains("/snapshot/", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pod 1")]
    [InlineData("../x")]
    [InlineData("a.b")]
    [InlineData("")]
    public void InvalidReplicaId_IsAConfigurationError(string replica)
    {
        var services = new ServiceCollection();
        services.AddModelWatch(o => o.ReplicaId = replica).AddModel("m", m => m.Numeric("f0").ReferenceFromFirstPredictions(10));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<IModelWatch>().Models);
        Assert.Contains("ReplicaId", error.Message, StringComparison.Ordinal);
    }
}

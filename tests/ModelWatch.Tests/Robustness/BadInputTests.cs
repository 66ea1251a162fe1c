using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Robustness;

/// <summary>
/// The rows of docs/reliability.md's bad-input table that other test classes do not already cover:
/// each input has a documented outcome — counted, or a clear error at configuration time — and
/// never an exception on the logging path or corrupted statistics.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 5_000, categories: ["a", "b", "c"]);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-bad-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static (ServiceProvider Services, IModelWatch Watch, IModelMonitor Monitor) Create() =>
        TestModels.Create(m => m.Numeric("f0", "f1").Categorical("c0").Reference(Reference).Window(TimeSpan.FromMinutes(1))) is var (services, watch, _)
            ? (services, watch, watch.GetMonitor("m"))
            : default;

    private static async Task<DriftReport> CurrentAsync(IModelWatch watch) => (await watch.EvaluateAsync()).Single(r => !r.IsComplete);

    [Fact]
    public async Task Subnormals_AreOrdinaryFiniteValues()
    {
        var (services, watch, monitor) = Create();
        using var _ = services;
        monitor.Log([double.Epsilon, -double.Epsilon], ["a"], 2.2250738585072014E-309);
        monitor.Log([0.0, 0.0], ["a"], 0.0);

        var f0 = (await CurrentAsync(watch)).Features.Single(f => f.Name == "f0");
        Assert.Equal(2, f0.Count);
        Assert.Equal(0, f0.MissingCount + f0.NonFiniteCount + f0.OutOfRangeCount);
        Assert.InRange(f0.Mean, 0.0, double.Epsilon); // half of the smallest subnormal rounds to 0 or to it
        Assert.Equal(0.0, f0.Min);
        Assert.Equal(double.Epsilon, f0.Max);
    }

    [Fact]
    public async Task HugeMagnitudes_AreCountedAndBinned_OverflowReadsInfinityNotNaN_SnapshotRoundTrips()
    {
        var (services, watch, monitor) = Create();
        using var _ = services;
        monitor.Log([1e308, -1e308], ["a"], 0.5);
        monitor.Log([-1e308, double.MaxValue], ["b"], 0.5);
        monitor.Log([0.5, 0.5], ["c"], 0.5);

        var report = await CurrentAsync(watch);
        var f0 = report.Features.Single(f => f.Name == "f0");
        Assert.Equal(3, f0.Count);
        Assert.Equal(2, f0.OutOfRangeCount);
        Assert.Equal(-1e308, f0.Min);
        Assert.Equal(1e308, f0.Max);
        Assert.Equal(3, f0.CurrentCounts.Sum()); // binned into the outer bins: the drift tests see them

        // Differences of ±1e308 overflow the window's power sums (IEEE arithmetic): mean and spread read
        // ±Infinity — never NaN — while counts, bins, min, max and the tests stay exact.
        Assert.True(double.IsInfinity(f0.Mean), $"mean {f0.Mean}");
        Assert.Equal(double.PositiveInfinity, f0.StandardDeviation);
        var f1 = report.Features.Single(f => f.Name == "f1");
        Assert.Equal(3, f1.Count);
        Assert.False(double.IsNaN(f1.Mean));
        await services.Snapshots(new FileProfileStore(_folder)).SnapshotAsync(CancellationToken.None);
        var snapshotFile = Directory.EnumerateFiles(_folder, "*.json", SearchOption.AllDirectories).Single();
        await using var stream = File.OpenRead(snapshotFile);
        var snapshot = await SnapshotFile.ReadAsync(stream, snapshotFile, CancellationToken.None);
        Assert.Equal(3, snapshot.Totals!.Events);
    }

    [Fact]
    public async Task NullAndEmptyCategories_CountAsMissing()
    {
        var (services, watch, monitor) = Create();
        using var _ = services;
        monitor.Log([0.1, 0.2], [null], 0.5);
        monitor.Log([0.1, 0.2], [string.Empty], 0.5);
        monitor.Log([0.1, 0.2], ["a"], 0.5);

        var c0 = (await CurrentAsync(watch)).Features.Single(f => f.Name == "c0");
        Assert.Equal(2, c0.MissingCount);
        Assert.Equal(1, c0.Count);
        Assert.Equal(0, c0.UnseenCount);
    }

    [Fact]
    public async Task MegabyteCategory_IsCountedUnseen_AndKeptTruncated()
    {
        var (services, watch, monitor) = Create();
        using var _ = services;
        string huge = new('x', 1 << 20);
        for (int i = 0; i < 10; i++)
        {
            monitor.Log([0.1, 0.2], [huge], 0.5);
        }

        var report = await CurrentAsync(watch);
        var c0 = report.Features.Single(f => f.Name == "c0");
        Assert.Equal(10, c0.UnseenCount);
        Assert.Equal(10, report.Predictions);

        // What a snapshot keeps of it is bounded by the counter's key length (256 characters).
        await services.Snapshots(new FileProfileStore(_folder)).SnapshotAsync(CancellationToken.None);
        var snapshotFile = Directory.EnumerateFiles(_folder, "*.json", SearchOption.AllDirectories).Single();
        Assert.InRange(new FileInfo(snapshotFile).Length, 1, 200_000);
    }

    [Fact]
    public void UnknownModelName_IsAClearError()
    {
        var (services, watch, _) = Create();
        using var _s = services;
        var error = Assert.Throws<KeyNotFoundException>(() => watch.GetMonitor("nope"));
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => watch.GetMonitor("m", "9"));
    }

    [Fact]
    public void DuplicateRegistration_IsAConfigurationError()
    {
        var services = new ServiceCollection();
        services.AddModelWatch()
            .AddModel("m", m => m.Numeric("f0").ReferenceFromFirstPredictions(10))
            .AddModel("m", m => m.Numeric("f1").ReferenceFromFirstPredictions(10));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelWatch>().Models);
        Assert.Contains("'m'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyReference_IsAClearError()
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(["f0"]));
        var error = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);

        var allMissing = new ReferenceProfileBuilder(new ModelSchema(["f0"]));
        allMissing.Add([double.NaN], [], 0.5);
        Assert.Contains("no finite value", Assert.Throws<InvalidOperationException>(allMissing.Build).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConstantReference_StillDetectsAChange_AndAConstantWindowIsStable()
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(["f0"]));
        for (int i = 0; i < 1_000; i++)
        {
            builder.Add([3.0], [], 3.0);
        }

        var reference = builder.Build();
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0").Reference(reference).Window(TimeSpan.FromMinutes(1)));
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < 500; i++)
        {
            monitor.Log([3.0], 3.0);
        }

        var same = await CurrentAsync(watch);
        Assert.False(same.IsDrift);
        Assert.All(same.Features, f => Assert.False(f.IsDrift));

        for (int i = 0; i < 500; i++)
        {
            monitor.Log([3.5], 3.0);
        }

        var moved = (await CurrentAsync(watch)).Features.Single(f => f.Name == "f0");
        Assert.True(moved.IsDrift);
        Assert.Equal(500, moved.OutOfRangeCount);
    }
}

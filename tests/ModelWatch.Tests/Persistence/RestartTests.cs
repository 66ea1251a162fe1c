using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Persistence;

/// <summary>Monitors survive a restart through the file store; damaged snapshots never stop the host.</summary>
public sealed class RestartTests : IDisposable
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 5_000);

    /// <summary>The snapshot entries of this machine's replica (ReplicaId is not set: the machine name).</summary>
    private static readonly string[] Snapshots = StoreLayout.Snapshots(ReplicaIds.Default());
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-store-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestModels.Start);
    private readonly FakeLogCollector _logs = new();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private HostedModelWatch Create(Action<ModelBuilder> model)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)));
        services.AddModelWatch(o => o.ShardCount = 2).AddModel("m", model).UseFileStore(_folder);
        return new HostedModelWatch(services.BuildServiceProvider());
    }

    private static void Log(IModelWatch watch, int count, ulong seed)
    {
        var monitor = watch.GetMonitor("m");
        var rng = new SplitMix64(seed);
        for (int i = 0; i < count; i++)
        {
            monitor.Log([rng.NextNormal(), i % 50 == 0 ? double.NaN : rng.NextNormal()], rng.NextNormal());
        }
    }

    [Fact]
    public async Task StopAndStartOnTheSameFolder_CountsContinue()
    {
        await using (var first = Create(m => m.Numeric("f0", "f1").Reference(Reference)))
        {
            await first.StartAsync();
            Log(first.Watch, 1_000, seed: 1);
            await first.StopAsync(); // the final snapshot
        }

        await using var second = Create(m => m.Numeric("f0", "f1").Reference(Reference));
        await second.StartAsync();
        Log(second.Watch, 500, seed: 2);
        var reports = await second.Watch.EvaluateAsync();

        var current = Assert.Single(reports);
        Assert.Equal(1_500, current.Predictions);
        Assert.Contains(_logs.GetSnapshot(), r => r.Level == LogLevel.Information && r.Message.Contains("restored from", StringComparison.Ordinal));
        var totals = second.Services.SingleMonitor().Totals;
        Assert.Equal(1_500, totals.Events);
        Assert.Equal(30, totals.NumericMissing[1]);
        await second.StopAsync();
    }

    [Fact]
    public async Task ProductionReference_IsRestored_NotGatheredAgain()
    {
        await using (var first = Create(m => m.Numeric("f0", "f1").ReferenceFromFirstPredictions(1_000)))
        {
            await first.StartAsync();
            Log(first.Watch, 1_500, seed: 3);
            await first.Watch.EvaluateAsync();
            Assert.True(Assert.Single(first.Watch.Models).HasReference);
            await first.StopAsync();
        }

        await using var second = Create(m => m.Numeric("f0", "f1").ReferenceFromFirstPredictions(1_000));
        Assert.False(Assert.Single(second.Watch.Models).HasReference);
        await second.StartAsync();
        Assert.True(Assert.Single(second.Watch.Models).HasReference);
        await second.StopAsync();
    }

    [Fact]
    public async Task DamagedNewestSnapshot_FallsBackToThePreviousOne()
    {
        await using (var first = Create(m => m.Numeric("f0", "f1").Reference(Reference)))
        {
            await first.StartAsync();
            Log(first.Watch, 400, seed: 4);
            await first.Services.Scheduler().SnapshotAsync(CancellationToken.None); // slot a: 400
            _time.Advance(TimeSpan.FromSeconds(1));
            Log(first.Watch, 100, seed: 5);
            await first.StopAsync();                                                                                // slot b: 500
        }

        var store = new FileProfileStore(_folder);
        string newest = store.PathOf("m", "1", Snapshots[1]);
        byte[] bytes = await File.ReadAllBytesAsync(newest);
        await File.WriteAllBytesAsync(newest, bytes[..(bytes.Length / 2)]); // truncated, as by a failing disk

        await using var second = Create(m => m.Numeric("f0", "f1").Reference(Reference));
        await second.StartAsync();
        var warning = Assert.Single(_logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains(newest, warning.Message, StringComparison.Ordinal);
        Assert.Equal(400, second.Services.SingleMonitor().Totals.Events);
        await second.StopAsync();
    }

    [Fact]
    public async Task NoReadableSnapshot_StartsEmpty_StrictModeStops()
    {
        var store = new FileProfileStore(_folder);
        foreach (string entry in Snapshots)
        {
            string path = store.PathOf("m", "1", entry);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, "{ not json");
        }

        await using (var lenient = Create(m => m.Numeric("f0", "f1").Reference(Reference)))
        {
            await lenient.StartAsync();
            Assert.Equal(0, lenient.Services.SingleMonitor().Totals.Events);
            Assert.Equal(2, _logs.GetSnapshot().Count(r => r.Level == LogLevel.Warning));
        }

        await using var strict = Create(m => m.Numeric("f0", "f1").Reference(Reference).Configure(o => o.Strict = true));
        await Assert.ThrowsAsync<InvalidDataException>(strict.StartAsync);
    }

    [Fact]
    public async Task ChangedReference_KeepsTotals_DropsWindowsInProgress()
    {
        await using (var first = Create(m => m.Numeric("f0", "f1").Reference(Reference)))
        {
            await first.StartAsync();
            Log(first.Watch, 300, seed: 6);
            await first.StopAsync();
        }

        var retrained = TestModels.NormalReference(features: 2, rows: 5_000, seed: 99);
        await using var second = Create(m => m.Numeric("f0", "f1").Reference(retrained));
        await second.StartAsync();
        var monitor = second.Services.SingleMonitor();
        Assert.Equal(300, monitor.Totals.Events);
        Assert.Equal(0, monitor.Collected.Epochs.Count);
        Assert.Contains(_logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("reference changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PendingPredictionsAndQualityWindows_SurviveARestart()
    {
        Action<ModelBuilder> model = m => m.Numeric("f0", "f1").Reference(Reference).BinaryClassification();
        await using (var first = Create(model))
        {
            await first.StartAsync();
            var monitor = first.Watch.GetMonitor("m");
            for (int i = 0; i < 100; i++)
            {
                monitor.Log([0.1, 0.2], [], 0.9, "p" + i);
            }

            for (int i = 0; i < 50; i++)
            {
                monitor.RecordOutcome("p" + i, 1);
            }

            await first.StopAsync();
        }

        await using var second = Create(model);
        await second.StartAsync();
        Assert.Equal(50, second.Watch.GetOutcomeCounts("m").Pending);
        var restarted = second.Watch.GetMonitor("m");
        for (int i = 50; i < 100; i++)
        {
            restarted.RecordOutcome("p" + i, 0);
        }

        restarted.RecordOutcome("p0", 1); // joined before the restart: a duplicate now too
        _time.Advance(TimeSpan.FromHours(1));
        await second.Watch.EvaluateAsync();

        var counts = second.Watch.GetOutcomeCounts("m");
        Assert.Equal(100, counts.Joined);
        Assert.Equal(1, counts.Duplicate);
        Assert.Equal(0, counts.Pending);
        var window = second.Watch.GetQualityHistory("m", QualityWindowBasis.PredictionTime).Single(r => r.WindowStart == TestModels.Start);
        Assert.Equal(100, window.Metrics.Outcomes);
        Assert.Equal(0.5, window.Metrics.Accuracy);
        await second.StopAsync();
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("/etc/passwd")]
    [InlineData("C:\\Windows\\x")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("CON")]
    [InlineData("nul.txt")]
    [InlineData("a/b\\c")]
    [InlineData("名前 with spaces")]
    public async Task ModelNamesAndVersions_NeverEscapeTheStoreFolder(string hostile)
    {
        var store = new FileProfileStore(_folder);
        string path = store.PathOf(hostile, hostile, Snapshots[0]);
        Assert.StartsWith(store.Root + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
        Assert.Equal(5, Path.GetRelativePath(store.Root, path).Split(Path.DirectorySeparatorChar).Length); // model, version, replica, kind, name

        await store.WriteAsync(hostile, hostile, "e", (s, ct) => s.WriteAsync("x"u8.ToArray(), ct).AsTask(), CancellationToken.None);
        await using var read = await store.OpenReadAsync(hostile, hostile, "e", CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal((byte)'x', (byte)read.ReadByte());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(store.PathOf(hostile, hostile, "e"))!, "*.tmp"));
    }
}

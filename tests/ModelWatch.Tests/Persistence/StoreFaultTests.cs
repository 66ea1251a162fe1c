using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Persistence;

/// <summary>
/// A store that fails — read-only, full, or failing half-way through a write — never stops a
/// monitor: the failure is logged and counted, saves back off, and the last good snapshot stays.
/// </summary>
public sealed class StoreFaultTests : IDisposable
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 5_000);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-faults-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestModels.Start);
    private readonly FakeLogCollector _logs = new();

    public enum Fault
    {
        None,
        ReadOnly,
        Full,
        HalfWritten,
    }

    /// <summary>Where the faulty store keeps its files (registered in DI, as a user's store would get its settings).</summary>
    public sealed record StoreFolder(string Path);

    /// <summary>The file store behind a switch that makes writes fail the way real disks do.</summary>
    public sealed class FaultyStore(StoreFolder folder) : IProfileStore
    {
        private readonly FileProfileStore _inner = new(folder.Path);

        public Fault Fault { get; set; }

        public int WriteAttempts { get; private set; }

        public async Task WriteAsync(string modelName, string modelVersion, string entry, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
        {
            WriteAttempts++;
            switch (Fault)
            {
                case Fault.ReadOnly:
                    throw new UnauthorizedAccessException($"Access to the path '{Describe(modelName, modelVersion, entry)}' is denied (read-only file system).");
                case Fault.Full:
                    throw new IOException("No space left on device", unchecked((int)0x8007001C));
                case Fault.HalfWritten:
                    // The content starts to go out, then the device fails: the atomic write must leave the old entry whole.
                    await _inner.WriteAsync(modelName, modelVersion, entry, async (stream, ct) =>
                    {
                        using var buffer = new MemoryStream();
                        await write(buffer, ct);
                        await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)(buffer.Length / 2)), ct);
                        throw new IOException("Input/output error");
                    }, cancellationToken);
                    return;
                default:
                    await _inner.WriteAsync(modelName, modelVersion, entry, write, cancellationToken);
                    return;
            }
        }

        public Task<Stream?> OpenReadAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken) =>
            _inner.OpenReadAsync(modelName, modelVersion, entry, cancellationToken);

        public Task<IReadOnlyList<string>> ListAsync(string modelName, string modelVersion, CancellationToken cancellationToken) =>
            _inner.ListAsync(modelName, modelVersion, cancellationToken);

        public Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken) =>
            _inner.DeleteAsync(modelName, modelVersion, entry, cancellationToken);

        public string Describe(string modelName, string modelVersion, string entry) => _inner.Describe(modelName, modelVersion, entry);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private (ServiceProvider Services, IModelWatch Watch, SnapshotScheduler Snapshots) Create()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)));
        services.AddMetrics();
        services.AddModelWatch(o => o.SnapshotInterval = Interval)
            .AddModel("m", m => m.Numeric("f0", "f1").Reference(Reference).Window(TimeSpan.FromHours(1)))
            .UseStore<FaultyStore>();
        services.AddSingleton(new StoreFolder(_folder));
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<IModelWatch>(), provider.GetRequiredService<SnapshotScheduler>());
    }

    private static void Log(IModelWatch watch, int count)
    {
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < count; i++)
        {
            monitor.Log([i % 7, i % 5], 0.5);
        }
    }

    private async Task<long> RestoredEventsAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddModelWatch().AddModel("m", m => m.Numeric("f0", "f1").Reference(Reference).Window(TimeSpan.FromHours(1))).UseFileStore(_folder);
        await using var host = new HostedModelWatch(services.BuildServiceProvider());
        await host.StartAsync();
        return host.Services.SingleMonitor().Totals.Events;
    }

    [Theory]
    [InlineData(Fault.ReadOnly)]
    [InlineData(Fault.Full)]
    [InlineData(Fault.HalfWritten)]
    public async Task FailingStore_LogsCountsBacksOff_KeepsTheLastGoodSnapshot(Fault fault)
    {
        var (services, engine, snapshots) = Create();
        var store = (FaultyStore)snapshots.Store;
        await using var _ = services;
        using var errors = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), ModelWatchMeter.Name, ModelWatchInstruments.StoreErrors);

        Log(engine, 1_000);
        await snapshots.SnapshotAsync(CancellationToken.None); // the last good snapshot: 1,000
        Assert.Equal(1, store.WriteAttempts);

        store.Fault = fault;
        var attemptsAt = new List<int>();
        for (int tick = 1; tick <= 40; tick++)
        {
            Log(engine, 100); // the monitor keeps working while its saves fail
            _time.Advance(Interval);
            int before = store.WriteAttempts;
            await snapshots.SnapshotAsync(CancellationToken.None);
            if (store.WriteAttempts > before)
            {
                attemptsAt.Add(tick);
            }
        }

        // Back-off: attempts at ticks 1, 2, 4, 8, 16, then every 16 intervals.
        Assert.Equal([1, 2, 4, 8, 16, 32], attemptsAt);
        Assert.Equal(attemptsAt.Count, errors.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Contains(_logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("failed; the previous snapshot is kept", StringComparison.Ordinal));
        await engine.EvaluateAsync();
        Assert.Equal(5_000, services.SingleMonitor().Totals.Events);

        // The last good snapshot is what a restart finds; no temporary file is left behind as an entry.
        Assert.Equal(1_000, await RestoredEventsAsync());

        // The disk recovers: the next due attempt succeeds and the back-off resets.
        store.Fault = Fault.None;
        _time.Advance(Interval * 16);
        await snapshots.SnapshotAsync(CancellationToken.None);
        Assert.Equal(5_000, await RestoredEventsAsync());
        int afterRecovery = store.WriteAttempts;
        _time.Advance(Interval);
        await snapshots.SnapshotAsync(CancellationToken.None);
        Assert.Equal(afterRecovery + 1, store.WriteAttempts);
    }

    [Fact]
    public async Task FinalSaveAtShutdown_IgnoresTheBackOff()
    {
        var (services, engine, snapshots) = Create();
        var store = (FaultyStore)snapshots.Store;
        await using var _ = services;
        store.Fault = Fault.Full;
        Log(engine, 10);
        await snapshots.SnapshotAsync(CancellationToken.None);
        await snapshots.SnapshotAsync(CancellationToken.None); // backing off: not attempted
        Assert.Equal(1, store.WriteAttempts);
        store.Fault = Fault.None;
        await snapshots.SnapshotAsync(CancellationToken.None, final: true);
        Assert.Equal(2, store.WriteAttempts);
        Assert.Equal(10, await RestoredEventsAsync());
    }
}

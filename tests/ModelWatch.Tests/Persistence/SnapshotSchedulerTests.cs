using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Profiles;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.Monitoring.Runtime;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Persistence;

/// <summary>
/// The scheduler through its own seam: a registry built by hand, a file store in a temporary folder
/// (behind a wrapper that records and can fail writes), a fake clock.
/// </summary>
public sealed class SnapshotSchedulerTests : IDisposable
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 5_000);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private const string Replica = "pod-1";

    /// <summary>This replica's two snapshot entries.</summary>
    private static readonly string[] Snapshots = StoreLayout.Snapshots(Replica);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-scheduler-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestModels.Start);
    private readonly FakeLogger<SnapshotScheduler> _logger = new();
    private readonly List<ModelRegistry> _registries = [];
    private SplitMix64 _rng = new(7);

    public void Dispose()
    {
        foreach (var registry in _registries)
        {
            registry.Dispose();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The file store, recording every write, read and delete; <see cref="Fail"/> makes the writes it selects throw as a full disk would.</summary>
    internal sealed class RecordingStore(IProfileStore inner) : IProfileStore
    {
        private readonly ConcurrentQueue<string> _writes = new();
        private readonly ConcurrentQueue<string> _reads = new();
        private readonly ConcurrentQueue<string> _deletes = new();

        /// <summary>Entries whose writes fail (null: none).</summary>
        public Func<string, bool>? Fail { get; set; }

        /// <summary>Every write attempted, in order, failed ones included.</summary>
        public IReadOnlyList<string> Writes => [.. _writes];

        /// <summary>Every entry opened for reading, in order.</summary>
        public IReadOnlyList<string> Reads => [.. _reads];

        /// <summary>Every entry deleted, in order.</summary>
        public IReadOnlyList<string> Deletes => [.. _deletes];

        public Task WriteAsync(string modelName, string modelVersion, string entry, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
        {
            _writes.Enqueue(entry);
            return Fail?.Invoke(entry) == true
                ? throw new IOException("No space left on device")
                : inner.WriteAsync(modelName, modelVersion, entry, write, cancellationToken);
        }

        public Task<Stream?> OpenReadAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken)
        {
            _reads.Enqueue(entry);
            return inner.OpenReadAsync(modelName, modelVersion, entry, cancellationToken);
        }

        public Task<IReadOnlyList<string>> ListAsync(string modelName, string modelVersion, CancellationToken cancellationToken) =>
            inner.ListAsync(modelName, modelVersion, cancellationToken);

        public Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken)
        {
            _deletes.Enqueue(entry);
            return inner.DeleteAsync(modelName, modelVersion, entry, cancellationToken);
        }

        public string Describe(string modelName, string modelVersion, string entry) => inner.Describe(modelName, modelVersion, entry);
    }

    private static ModelDefinition Definition(bool keepProfiles = false) => Parts.Define(m =>
    {
        m.Numeric("f0", "f1").Reference(Reference).Window(Interval);
        if (keepProfiles)
        {
            m.KeepWindowProfiles();
        }
    });

    /// <summary>A registry of one model and a scheduler over it, saving into this test's folder.</summary>
    private (ModelMonitor Monitor, SnapshotScheduler Scheduler, RecordingStore Store) Create(bool keepProfiles = false)
    {
        var registry = Parts.Registry(_time, new ModelWatchOptions { SnapshotInterval = Interval, ReplicaId = Replica }, Definition(keepProfiles));
        _registries.Add(registry);
        var store = new RecordingStore(new FileProfileStore(_folder));
        return (Assert.Single(registry.Monitors), new SnapshotScheduler(registry, store, _time, _logger), store);
    }

    /// <summary>The metrics of the registry <see cref="Create"/> made last.</summary>
    private ModelWatchMetrics Metrics => _registries[^1].Metrics;

    private string PathOf(string entry) => new FileProfileStore(_folder).PathOf("m", "1", entry);

    private async Task<MonitorSnapshot> ReadSnapshotAsync(string entry)
    {
        await using var stream = File.OpenRead(PathOf(entry));
        return await SnapshotFile.ReadAsync(stream, entry, CancellationToken.None);
    }

    private void Log(ModelMonitor monitor, int rows) => Parts.LogRows(monitor, ref _rng, rows);

    /// <summary>Saves <paramref name="count"/> snapshots a minute apart, 100 more predictions each time.</summary>
    private async Task SaveSnapshotsAsync(int count)
    {
        var (monitor, scheduler, _) = Create();
        for (int i = 0; i < count; i++)
        {
            Log(monitor, 100);
            await scheduler.SnapshotAsync(CancellationToken.None);
            _time.Advance(Interval);
        }
    }

    [Fact]
    public async Task SnapshotAsync_Repeated_AlternatesBetweenTheTwoEntries()
    {
        var (monitor, scheduler, store) = Create();
        for (int i = 0; i < 4; i++)
        {
            Log(monitor, 10);
            await scheduler.SnapshotAsync(CancellationToken.None);
            _time.Advance(Interval);
        }

        string a = Snapshots[0], b = Snapshots[1];
        Assert.Equal([a, b, a, b], store.Writes);

        // Each entry holds its own snapshot: the older one stays whole while the other is rewritten.
        var older = await ReadSnapshotAsync(a);
        var newer = await ReadSnapshotAsync(b);
        Assert.Equal(TestModels.Start.AddMinutes(2), older.SavedAt);
        Assert.Equal(TestModels.Start.AddMinutes(3), newer.SavedAt);
        Assert.Equal(30, older.Totals!.Events);
        Assert.Equal(40, newer.Totals!.Events);
    }

    [Theory]
    [InlineData(2, 1)] // a, b: b is the newer
    [InlineData(3, 0)] // a, b, a: a is the newer
    public async Task RestoreAsync_TwoEntries_RestoresTheNewerAndOverwritesTheOtherNext(int snapshots, int newerSlot)
    {
        await SaveSnapshotsAsync(snapshots);
        var (monitor, scheduler, store) = Create();

        await scheduler.RestoreAsync(CancellationToken.None);

        Assert.Equal(100 * snapshots, monitor.Totals.Events);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Id.Id == 401 && r.Message.Contains(PathOf(Snapshots[newerSlot]), StringComparison.Ordinal));

        await scheduler.SnapshotAsync(CancellationToken.None);
        Assert.Equal([Snapshots[1 - newerSlot]], store.Writes); // the restored snapshot stays
    }

    public enum Damage
    {
        Garbage,
        Truncated,
        Empty,

        /// <summary>Well-formed JSON whose newest sub-window does not fit the model (its bins are cut short).</summary>
        DoesNotFit,
    }

    [Theory]
    [InlineData(2, Damage.Garbage)]
    [InlineData(2, Damage.Truncated)]
    [InlineData(2, Damage.Empty)]
    [InlineData(3, Damage.Truncated)]
    [InlineData(2, Damage.DoesNotFit)]
    [InlineData(3, Damage.DoesNotFit)]
    public async Task RestoreAsync_NewerEntryDamaged_FallsBackToTheOlderAndCountsIt(int snapshots, Damage damage)
    {
        await SaveSnapshotsAsync(snapshots);
        int newerSlot = snapshots % 2 == 0 ? 1 : 0;
        string newer = PathOf(Snapshots[newerSlot]);
        byte[] bytes = await File.ReadAllBytesAsync(newer);
        await File.WriteAllBytesAsync(newer, damage switch
        {
            Damage.Garbage => "{ \"this is\": not a snapshot"u8.ToArray(),
            Damage.Truncated => bytes[..(bytes.Length / 2)],
            Damage.DoesNotFit => CutBins(bytes),
            _ => [],
        });
        var (monitor, scheduler, store) = Create();
        using var errors = new MetricCollector<long>(Metrics.StoreErrors);

        await scheduler.RestoreAsync(CancellationToken.None);

        Assert.Equal(100 * (snapshots - 1), monitor.Totals.Events);
        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal("unreadable", error.Tags[ModelWatchInstruments.ErrorType]);
        var unreadable = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 402);
        Assert.Equal(LogLevel.Warning, unreadable.Level);
        Assert.Contains(newer, unreadable.Message, StringComparison.Ordinal);

        // The next snapshot replaces the damaged entry, not the one just restored.
        await scheduler.SnapshotAsync(CancellationToken.None);
        Assert.Equal([Snapshots[newerSlot]], store.Writes);
        Assert.Equal(100 * (snapshots - 1), (await ReadSnapshotAsync(Snapshots[newerSlot])).Totals!.Events);
    }

    /// <summary>A snapshot that reads but does not fit the model: its newest sub-window loses all its bins but one.</summary>
    private static byte[] CutBins(byte[] snapshot)
    {
        var json = JsonNode.Parse(snapshot)!;
        json["windows"]!.AsArray()[^1]!["bins"] = new JsonArray(1);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    [Fact]
    public async Task RestoreAsync_NeitherEntryFits_StartsEmptyWithNothingHalfRestored()
    {
        await SaveSnapshotsAsync(2);
        foreach (string entry in Snapshots)
        {
            await File.WriteAllBytesAsync(PathOf(entry), CutBins(await File.ReadAllBytesAsync(PathOf(entry))));
        }

        var (monitor, scheduler, _) = Create();
        using var errors = new MetricCollector<long>(Metrics.StoreErrors);

        await scheduler.RestoreAsync(CancellationToken.None);

        // Each snapshot's totals read fine, but neither is applied: the monitor is as new.
        Assert.Equal(0, monitor.Totals.Events);
        Assert.Equal(0, monitor.Collected.Epochs.Count);
        Assert.Equal(2, errors.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(2, _logger.Collector.GetSnapshot().Count(r => r.Id.Id == 402));
    }

    [Fact]
    public async Task RestoreAsync_NoEntries_StartsEmpty()
    {
        var (monitor, scheduler, _) = Create();

        await scheduler.RestoreAsync(CancellationToken.None);

        Assert.Equal(0, monitor.Totals.Events);
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task SnapshotAsync_StoreKeepsFailing_BacksOff1248And16IntervalsThenEvery16()
    {
        var (monitor, scheduler, store) = Create();
        using var errors = new MetricCollector<long>(Metrics.StoreErrors);
        store.Fail = _ => true;
        Log(monitor, 10);

        var attempts = new List<int>();
        for (int tick = 0; tick <= 80; tick++)
        {
            int before = store.Writes.Count;
            await scheduler.SnapshotAsync(CancellationToken.None);
            if (store.Writes.Count > before)
            {
                attempts.Add(tick);
            }

            _time.Advance(Interval);
        }

        Assert.Equal([0, 1, 3, 7, 15, 31, 47, 63, 79], attempts);
        Assert.Equal(attempts.Count, errors.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.All(errors.GetMeasurementSnapshot(), m => Assert.Equal(nameof(IOException), m.Tags[ModelWatchInstruments.ErrorType]));
        Assert.Equal(attempts.Count, _logger.Collector.GetSnapshot().Count(r => r.Id.Id == 404 && r.Level == LogLevel.Error));
        Assert.All(store.Writes, w => Assert.Equal(Snapshots[0], w)); // a failed entry is retried, not the good one overwritten
    }

    [Fact]
    public async Task SnapshotAsync_FinalWhileBackingOff_IgnoresTheBackOff()
    {
        var (monitor, scheduler, store) = Create();
        store.Fail = _ => true;
        Log(monitor, 10);
        await scheduler.SnapshotAsync(CancellationToken.None);
        await scheduler.SnapshotAsync(CancellationToken.None); // backing off: not attempted
        await scheduler.SnapshotAsync(CancellationToken.None, final: true); // attempted, fails again
        Assert.Equal(2, store.Writes.Count);

        store.Fail = null;
        await scheduler.SnapshotAsync(CancellationToken.None, final: true);
        Assert.Equal(3, store.Writes.Count);
        Assert.Equal(10, (await ReadSnapshotAsync(Snapshots[0])).Totals!.Events);

        // Success resets the back-off: the next interval saves again.
        _time.Advance(Interval);
        await scheduler.SnapshotAsync(CancellationToken.None);
        Assert.Equal([.. Enumerable.Repeat(Snapshots[0], 3), Snapshots[1]], store.Writes);
    }

    /// <summary>Logs 100, 101 and 102 predictions in three one-minute windows and lets the evaluator close them, keeping them for the store.</summary>
    private List<ClosedWindow> CloseThreeWindows(ModelMonitor monitor)
    {
        var evaluator = new MonitorEvaluator(_time, _logger, Metrics, keepClosedWindows: true);
        for (int k = 0; k < 3; k++)
        {
            Log(monitor, 100 + k);
            _time.Advance(Interval);
        }

        evaluator.Evaluate(monitor);
        Assert.Equal(3, monitor.State.ClosedWindows.Count);
        return [.. monitor.State.ClosedWindows];
    }

    private static string WindowEntry(int minute) =>
        $"{Replica}/window/{TestModels.Start.AddMinutes(minute).UtcDateTime:yyyyMMdd'T'HHmm}00000Z.mwp";

    [Fact]
    public async Task SnapshotAsync_ClosedWindowsKept_SavedAsWindowProfilesAndRemoved()
    {
        var (monitor, scheduler, store) = Create(keepProfiles: true);
        CloseThreeWindows(monitor);

        await scheduler.SnapshotAsync(CancellationToken.None);

        Assert.Equal([Snapshots[0], WindowEntry(0), WindowEntry(1), WindowEntry(2)], store.Writes);
        Assert.Empty(monitor.State.ClosedWindows);
        for (int k = 0; k < 3; k++)
        {
            await using var stream = File.OpenRead(PathOf(WindowEntry(k)));
            var profile = ProfileFile.Read(stream, WindowEntry(k));
            Assert.Equal(100 + k, profile.Rows);
            Assert.Equal(TestModels.Start.AddMinutes(k), profile.WindowStart);
            Assert.Equal(TestModels.Start.AddMinutes(k + 1), profile.WindowEnd);
        }

        // Saved once: the next snapshot writes only the snapshot.
        _time.Advance(Interval);
        await scheduler.SnapshotAsync(CancellationToken.None);
        Assert.Equal(Snapshots[1], store.Writes[^1]);
        Assert.Equal(5, store.Writes.Count);
    }

    [Fact]
    public async Task SnapshotAsync_WindowProfileWriteFails_ItAndTheLaterOnesStayQueued()
    {
        var (monitor, scheduler, store) = Create(keepProfiles: true);
        using var errors = new MetricCollector<long>(Metrics.StoreErrors);
        var closed = CloseThreeWindows(monitor);
        store.Fail = entry => entry == WindowEntry(1);

        await scheduler.SnapshotAsync(CancellationToken.None);

        // The first is saved and removed; the failed one and the one after stay, in order.
        Assert.Equal([Snapshots[0], WindowEntry(0), WindowEntry(1)], store.Writes);
        Assert.Equal(closed.Skip(1), monitor.State.ClosedWindows);
        Assert.True(File.Exists(PathOf(WindowEntry(0))));
        Assert.False(File.Exists(PathOf(WindowEntry(1))));
        Assert.Equal(1, Assert.Single(errors.GetMeasurementSnapshot()).Value);
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 405);

        // The store recovers: the next interval saves the rest.
        store.Fail = null;
        _time.Advance(Interval);
        await scheduler.SnapshotAsync(CancellationToken.None);
        Assert.Equal([Snapshots[1], WindowEntry(1), WindowEntry(2)], store.Writes.Skip(3));
        Assert.Empty(monitor.State.ClosedWindows);
    }

    [Fact]
    public async Task SnapshotAsync_SnapshotWriteFails_ClosedWindowsStayQueued()
    {
        var (monitor, scheduler, store) = Create(keepProfiles: true);
        var closed = CloseThreeWindows(monitor);
        store.Fail = entry => Snapshots.Contains(entry);

        await scheduler.SnapshotAsync(CancellationToken.None);

        Assert.Equal([Snapshots[0]], store.Writes);
        Assert.Equal(closed, monitor.State.ClosedWindows);
    }
}

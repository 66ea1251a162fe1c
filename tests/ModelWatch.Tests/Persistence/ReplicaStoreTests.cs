using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Persistence;

/// <summary>
/// Replicas sharing a store (docs/persistence.md, "Scale-out") each keep their own state: every
/// entry a replica writes carries its replica id as a path segment of its own, and a replica
/// restores only its own snapshots.
/// </summary>
public sealed class ReplicaStoreTests : IDisposable
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 2_000);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-replicas-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestModels.Start);
    private readonly FakeLogCollector _logs = new();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private HostedModelWatch Create(string replica)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)));
        services.AddModelWatch(o =>
            {
                o.ShardCount = 2;
                o.ReplicaId = replica;
            })
            .AddModel("m", m => m.Numeric("f0", "f1").Reference(Reference))
            .UseFileStore(_folder);
        return new HostedModelWatch(services.BuildServiceProvider());
    }

    private static void Log(HostedModelWatch host, int count)
    {
        var monitor = host.Watch.GetMonitor("m");
        for (int i = 0; i < count; i++)
        {
            monitor.Log([i % 7, i % 5], 0.5);
        }
    }

    /// <summary>Fleets of two and four replicas; ids that share a prefix up to a '-' (pod, pod-1, pod-1-a) must not share entries.</summary>
    public static TheoryData<string[]> Fleets => new()
    {
        new[] { "pod-a", "pod-b" },
        new[] { "pod", "pod-1", "pod-1-a", "pod-2" },
    };

    private static readonly int[] Counts = [1_000, 10, 250, 3];

    [Theory]
    [MemberData(nameof(Fleets))]
    public async Task ReplicasSharingAStore_RestartingInTurn_EachRestoresItsOwn(string[] replicas)
    {
        // Every replica runs at once on the shared store and logs its own share; then they stop in turn.
        var hosts = replicas.Select(Create).ToArray();
        foreach (var host in hosts)
        {
            await host.StartAsync();
        }

        for (int r = 0; r < hosts.Length; r++)
        {
            Log(hosts[r], Counts[r]);
        }

        foreach (var host in hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }

        // They restart in turn, last first, each logging its share again; then first first.
        foreach (int round in new[] { 1, 2 })
        {
            var order = round == 1 ? Enumerable.Range(0, replicas.Length).Reverse() : Enumerable.Range(0, replicas.Length);
            foreach (int r in order)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                await using var host = Create(replicas[r]);
                await host.StartAsync();
                Assert.True(
                    round * Counts[r] == host.Services.SingleMonitor().Totals.Events,
                    $"replica {replicas[r]} restored {host.Services.SingleMonitor().Totals.Events} predictions in round {round}; it had logged {round * Counts[r]}");
                Log(host, Counts[r]);
                await host.StopAsync();
            }
        }

        Assert.DoesNotContain(_logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    /// <summary>
    /// A replica with every kind of entry — snapshots, and window profiles of time and count windows,
    /// pruned to two — saving, pruning and restoring, with the stores of replicas whose ids share its
    /// prefix beside it.
    /// </summary>
    private async Task RunEveryKindOfEntryAsync(string replica, IProfileStore store)
    {
        for (int run = 0; run < 2; run++)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(_time);
            services.AddModelWatch(o =>
                {
                    o.ShardCount = 2;
                    o.ReplicaId = replica;
                    o.WindowProfileMaxCount = 2;
                })
                .AddModel("time", m => m.Numeric("f0", "f1").Reference(Reference).Window(TimeSpan.FromHours(1)).KeepWindowProfiles())
                .AddModel("count", m => m.Numeric("f0", "f1").Reference(Reference).WindowByCount(100).KeepWindowProfiles())
                .UseFileStore(_folder);
            services.RemoveAll<IProfileStore>();
            services.AddSingleton(store);
            await using var host = new HostedModelWatch(services.BuildServiceProvider());
            await host.StartAsync();
            for (int hour = 0; hour < 4; hour++)
            {
                foreach (string model in new[] { "time", "count" })
                {
                    var monitor = host.Watch.GetMonitor(model);
                    for (int i = 0; i < 150; i++)
                    {
                        monitor.Log([i % 7, i % 5], 0.5);
                    }
                }

                _time.Advance(TimeSpan.FromHours(1));
                await host.Watch.EvaluateAsync();
                await host.Services.Scheduler().SnapshotAsync(CancellationToken.None);
            }

            await host.StopAsync();
        }
    }

    [Fact]
    public async Task EveryEntryAReplicaWritesReadsOrDeletes_IsItsOwn_UnderItsIdAsASegment()
    {
        var files = new FileProfileStore(_folder);
        foreach (string other in new[] { "pod", "pod-1-a" })
        {
            await RunEveryKindOfEntryAsync(other, files);
        }

        var before = Contents();
        var store = new SnapshotSchedulerTests.RecordingStore(files);
        await RunEveryKindOfEntryAsync("pod-1", store);

        Assert.NotEmpty(store.Writes);
        Assert.NotEmpty(store.Reads);
        Assert.NotEmpty(store.Deletes);
        Assert.Contains(store.Writes, e => e.Contains("/window/n", StringComparison.Ordinal));
        Assert.Contains(store.Writes, e => e.Contains("/window/2026", StringComparison.Ordinal));
        foreach (string entry in store.Writes.Concat(store.Reads).Concat(store.Deletes))
        {
            Assert.True(StoreLayout.TryParse(entry, out string replica, out _, out _), entry);
            Assert.Equal("pod-1", replica);
            Assert.StartsWith("pod-1/", entry, StringComparison.Ordinal);
        }

        // The other replicas' entries are as they left them.
        var after = Contents();
        Assert.All(before, e => Assert.Equal(e.Value, after[e.Key]));
        Assert.Equal(
            new[] { "count", "time" }.SelectMany(m => new[] { "pod", "pod-1", "pod-1-a" }.Select(r => $"{m}/1/{r}")).Order(StringComparer.Ordinal),
            after.Keys.Select(k => string.Join('/', k.Split('/')[..3])).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>Every file under the store's folder, by its path relative to it ('/'-separated), with its content.</summary>
    private Dictionary<string, byte[]> Contents() =>
        Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(_folder, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes);

    /// <summary>A store of another kind: entries in a dictionary, keyed as the store receives them.</summary>
    private sealed class MemoryStore : IProfileStore
    {
        public ConcurrentDictionary<string, byte[]> Entries { get; } = new(StringComparer.Ordinal);

        public async Task WriteAsync(string modelName, string modelVersion, string entry, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
        {
            using var buffer = new MemoryStream();
            await write(buffer, cancellationToken);
            Entries[$"{modelName}/{modelVersion}/{entry}"] = buffer.ToArray();
        }

        public Task<Stream?> OpenReadAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken) =>
            Task.FromResult<Stream?>(Entries.TryGetValue($"{modelName}/{modelVersion}/{entry}", out byte[]? bytes) ? new MemoryStream(bytes) : null);

        public Task<IReadOnlyList<string>> ListAsync(string modelName, string modelVersion, CancellationToken cancellationToken)
        {
            string prefix = $"{modelName}/{modelVersion}/";
            return Task.FromResult<IReadOnlyList<string>>([.. Entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..])]);
        }

        public Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken)
        {
            Entries.TryRemove($"{modelName}/{modelVersion}/{entry}", out _);
            return Task.CompletedTask;
        }

        public string Describe(string modelName, string modelVersion, string entry) => $"memory:{modelName}/{modelVersion}/{entry}";
    }

    [Fact]
    public async Task StoresOfEveryKind_HoldTheSameKeys_TheLayoutIsNotTheStores()
    {
        var memory = new MemoryStore();
        await RunEveryKindOfEntryAsync("pod-1", memory);
        _time.AdjustTime(TestModels.Start);
        await RunEveryKindOfEntryAsync("pod-1", new FileProfileStore(_folder));

        var keys = memory.Entries.Keys.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(keys, Contents().Keys.Order(StringComparer.Ordinal));
        Assert.All(keys, k => Assert.Matches(@"^(time|count)/1/pod-1/(snapshot/[ab]\.json|window/(n\d+|\d{8}T\d{9}Z)\.mwp)$", k));
    }

    [Fact]
    public async Task ReplicaWithoutSnapshotsOfItsOwn_StartsAfresh_AndNamesTheReplicasThatHaveSome()
    {
        await using (var a = Create("pod-a"))
        {
            await a.StartAsync();
            Log(a, 1_000);
            await a.StopAsync();
        }

        await using var b = Create("pod-b");
        await b.StartAsync();
        Assert.Equal(0, b.Services.SingleMonitor().Totals.Events);
        var hint = Assert.Single(_logs.GetSnapshot(), r => r.Id.Id == 409);
        Assert.Contains("pod-b has no snapshot", hint.Message, StringComparison.Ordinal);
        Assert.Contains("replicas pod-a have theirs", hint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotOfAnotherModelVersion_InItsEntry_IsNotRestored()
    {
        // Two model versions whose entries meet (a case-insensitive file system folds "M" into "m";
        // here the other's snapshot is put in place by hand): each restores only its own.
        await using (var a = Create("pod-a"))
        {
            await a.StartAsync();
            Log(a, 1_000);
            await a.StopAsync();
        }

        var store = new FileProfileStore(_folder);
        string entry = StoreLayout.Snapshots("pod-a")[0];
        string other = store.PathOf("other", "2", entry);
        Directory.CreateDirectory(Path.GetDirectoryName(other)!);
        File.Copy(store.PathOf("m", "1", entry), other);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)));
        services.AddModelWatch(o => o.ReplicaId = "pod-a").AddModel("other", m => m.Version("2").Numeric("f0", "f1").Reference(Reference)).UseFileStore(_folder);
        await using var host = new HostedModelWatch(services.BuildServiceProvider());

        await host.StartAsync();

        Assert.Equal(0, host.Services.SingleMonitor().Totals.Events);
        var refused = Assert.Single(_logs.GetSnapshot(), r => r.Id.Id == 402);
        Assert.Contains("a snapshot of model 'm' version '1'", refused.Message, StringComparison.Ordinal);
    }
}

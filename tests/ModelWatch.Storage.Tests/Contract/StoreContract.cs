using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Storage.Tests.Contract;

/// <summary>
/// What every <see cref="IProfileStore"/> must do (docs/persistence.md, "Your own store"; docs/stores.md),
/// run against the file store and each real server: entries read back byte-exact, replaced whole,
/// never half-written; listed completely page by page and only within their model version; names
/// that cannot escape or collide; retention and restores that touch only a replica's own entries.
/// </summary>
/// <remarks>Each test gets a space of its own in the store (a folder, a table, a key prefix), removed when it ends.</remarks>
public abstract class StoreContract : IAsyncLifetime
{
    private IProfileStore? _store;

    /// <summary>The store under test, over this test's own space, listing in pages of 7 entries where it pages.</summary>
    protected IProfileStore Store => _store ??= Open(pageSize: 7);

    /// <summary>Opens a store over this test's space (skips the test when its server is not running).</summary>
    protected abstract IProfileStore Open(int pageSize);

    /// <summary>Removes this test's space.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await CleanUpAsync();
            switch (_store)
            {
                case IAsyncDisposable d:
                    await d.DisposeAsync();
                    break;
                case IDisposable d:
                    d.Dispose();
                    break;
            }
        }
    }

    private static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected static Task WriteAsync(IProfileStore store, string model, string version, string entry, byte[] content, CancellationToken cancellationToken = default) =>
        store.WriteAsync(model, version, entry, (s, ct) => s.WriteAsync(content, ct).AsTask(), cancellationToken);

    protected static async Task<byte[]?> ReadAsync(IProfileStore store, string model, string version, string entry)
    {
        var stream = await store.OpenReadAsync(model, version, entry, CancellationToken.None);
        if (stream is null)
        {
            return null;
        }

        await using (stream)
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            return buffer.ToArray();
        }
    }

    [SkippableFact]
    public async Task Entries_ReadBackByteExact_WhateverTheirSize()
    {
        // Sizes around buffer and chunk boundaries: a store that kept an upload's framing (S3 chunked
        // encoding) or a partial read would differ in length or bytes.
        int[] sizes = [0, 1, 4_095, 65_537, 1_300_000];
        foreach (int size in sizes)
        {
            await WriteAsync(Store, "m", "1", $"pod-1/window/s{size}.mwp", Content(size, size));
        }

        foreach (int size in sizes)
        {
            Assert.Equal(Content(size, size), await ReadAsync(Store, "m", "1", $"pod-1/window/s{size}.mwp"));
        }
    }

    [SkippableFact]
    public async Task MissingEntries_ReadAsNull_ListEmpty_AndDeleteQuietly()
    {
        Assert.Null(await ReadAsync(Store, "m", "1", "pod-1/snapshot/a.json"));
        Assert.Empty(await Store.ListAsync("m", "1", CancellationToken.None));
        await Store.DeleteAsync("m", "1", "pod-1/snapshot/a.json", CancellationToken.None);

        await WriteAsync(Store, "m", "1", "pod-1/snapshot/a.json", [1, 2, 3]);
        await Store.DeleteAsync("m", "1", "pod-1/snapshot/a.json", CancellationToken.None);
        await Store.DeleteAsync("m", "1", "pod-1/snapshot/a.json", CancellationToken.None);
        Assert.Null(await ReadAsync(Store, "m", "1", "pod-1/snapshot/a.json"));
        Assert.Empty(await Store.ListAsync("m", "1", CancellationToken.None));
    }

    [SkippableFact]
    public async Task AWrite_ReplacesTheWholeEntry()
    {
        await WriteAsync(Store, "m", "1", "pod-1/snapshot/a.json", Content(100_000, 1));
        await WriteAsync(Store, "m", "1", "pod-1/snapshot/a.json", Content(10, 2));
        Assert.Equal(Content(10, 2), await ReadAsync(Store, "m", "1", "pod-1/snapshot/a.json"));
        Assert.Equal(["pod-1/snapshot/a.json"], await Store.ListAsync("m", "1", CancellationToken.None));
    }

    [SkippableFact]
    public async Task AWriterFailingHalfWay_LeavesThePreviousContent_AndNoNewEntry()
    {
        await WriteAsync(Store, "m", "1", "pod-1/snapshot/a.json", Content(5_000, 1));
        Task HalfThenFail(Stream s, CancellationToken ct)
        {
            s.Write(Content(3_000, 9));
            throw new IOException("the writer failed half-way");
        }

        await Assert.ThrowsAsync<IOException>(() => Store.WriteAsync("m", "1", "pod-1/snapshot/a.json", HalfThenFail, CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(() => Store.WriteAsync("m", "1", "pod-1/snapshot/b.json", HalfThenFail, CancellationToken.None));

        Assert.Equal(Content(5_000, 1), await ReadAsync(Store, "m", "1", "pod-1/snapshot/a.json"));
        Assert.Null(await ReadAsync(Store, "m", "1", "pod-1/snapshot/b.json"));
        Assert.Equal(["pod-1/snapshot/a.json"], await Store.ListAsync("m", "1", CancellationToken.None));
    }

    [SkippableFact]
    public async Task ACancelledWrite_LeavesThePreviousContent()
    {
        await WriteAsync(Store, "m", "1", "pod-1/snapshot/a.json", Content(5_000, 1));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WriteAsync(Store, "m", "1", "pod-1/snapshot/a.json", Content(7_000, 2), cancelled.Token));
        Assert.Equal(Content(5_000, 1), await ReadAsync(Store, "m", "1", "pod-1/snapshot/a.json"));
    }

    [SkippableFact]
    public async Task Listing_GivesEveryEntryOfTheModelVersion_AtAnyDepth_AndNoOther()
    {
        // Model names and versions that are prefixes of one another, or that hold the separator.
        (string Model, string Version)[] spaces = [("fraud", "1"), ("fraud", "10"), ("fraud-2", "1"), ("fraud/1", "x"), ("fraud", "1/x")];
        foreach (var (model, version) in spaces)
        {
            await WriteAsync(Store, model, version, "pod-1/snapshot/a.json", Encoding.UTF8.GetBytes(model + "|" + version));
        }

        string[] deep = ["pod-1/window/20260105T000000000Z.mwp", "pod-1-a/snapshot/b.json", "extra/a/b/c.d", "top"];
        foreach (string entry in deep)
        {
            await WriteAsync(Store, "fraud", "1", entry, [7]);
        }

        Assert.Equal(
            deep.Append("pod-1/snapshot/a.json").Order(StringComparer.Ordinal),
            (await Store.ListAsync("fraud", "1", CancellationToken.None)).Order(StringComparer.Ordinal));
        foreach (var (model, version) in spaces.Skip(1))
        {
            Assert.Equal(["pod-1/snapshot/a.json"], await Store.ListAsync(model, version, CancellationToken.None));
            Assert.Equal(model + "|" + version, Encoding.UTF8.GetString((await ReadAsync(Store, model, version, "pod-1/snapshot/a.json"))!));
        }
    }

    [SkippableFact]
    public async Task Listing_ReadsEveryPage()
    {
        // The store lists 7 entries per page (where it pages): 45 entries take 7 pages, the last one short.
        var entries = Enumerable.Range(0, 45).Select(i => $"pod-{i % 3}/window/n{i}.mwp").ToArray();
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (entry, ct) => await WriteAsync(Store, "m", "1", entry, [1], ct));
        Assert.Equal(entries.Order(StringComparer.Ordinal), (await Store.ListAsync("m", "1", CancellationToken.None)).Order(StringComparer.Ordinal));

        // Counts around page boundaries (7 × 6 = 42, 7 × 7 = 49), after deletions.
        foreach (string entry in entries.Take(4))
        {
            await Store.DeleteAsync("m", "1", entry, CancellationToken.None);
        }

        Assert.Equal(41, (await Store.ListAsync("m", "1", CancellationToken.None)).Count);
        for (int i = 0; i < 8; i++)
        {
            await WriteAsync(Store, "m", "1", $"pod-9/window/n{i}.mwp", [1]);
            Assert.Equal(42 + i, (await Store.ListAsync("m", "1", CancellationToken.None)).Count);
        }
    }

    /// <summary>Names from configuration that would escape a folder or a key space, or collide once encoded.</summary>
    public static readonly string[] HostileNames = ["..", ".", "../../x", "/etc/passwd", "a/b", "a%2Fb", "a%2fb", "CON", "con.txt", "C:\\x", " ", "ümlaut 模型", "%", "a?b#c", "x\ty"];

    [SkippableFact]
    public async Task HostileNamesAndVersions_StayInTheirOwnSpace_AndNeverCollide()
    {
        foreach (string name in HostileNames)
        {
            await WriteAsync(Store, name, name, "pod-1/snapshot/a.json", Encoding.UTF8.GetBytes(name));
            await WriteAsync(Store, "m", name, "pod-1/snapshot/a.json", Encoding.UTF8.GetBytes("m|" + name));
        }

        foreach (string name in HostileNames)
        {
            Assert.Equal(name, Encoding.UTF8.GetString((await ReadAsync(Store, name, name, "pod-1/snapshot/a.json"))!));
            Assert.Equal("m|" + name, Encoding.UTF8.GetString((await ReadAsync(Store, "m", name, "pod-1/snapshot/a.json"))!));
            Assert.Equal(["pod-1/snapshot/a.json"], await Store.ListAsync(name, name, CancellationToken.None));
            Assert.Equal(["pod-1/snapshot/a.json"], await Store.ListAsync("m", name, CancellationToken.None));
        }

        AfterHostileNames();
    }

    /// <summary>What a store checks after <see cref="HostileNamesAndVersions_StayInTheirOwnSpace_AndNeverCollide"/> (the file store: nothing outside its folder).</summary>
    protected virtual void AfterHostileNames()
    {
    }

    [SkippableFact]
    public async Task ConcurrentWritersAndReaders_SeeOnlyWholeEntries()
    {
        // Each writer writes an entry of one repeated byte and its own length; a reader that saw a mix
        // of two writes, or a part of one, would find two byte values or the wrong length.
        await WriteAsync(Store, "m", "1", "pod-1/snapshot/a.json", Whole(0));
        using var done = new CancellationTokenSource();
        var writers = Enumerable.Range(1, 4).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 6; i++)
            {
                await WriteAsync(Store, "m", "1", "pod-1/snapshot/a.json", Whole(w));
            }
        })).ToArray();
        int reads = 0;
        var reader = Task.Run(async () =>
        {
            // Reads go on while the writers write, then at most a few more (a reader that started late still reads).
            for (int after = 0; !done.IsCancellationRequested || (reads < 3 && after++ < 20);)
            {
                byte[] content;
                try
                {
                    content = (await ReadAsync(Store, "m", "1", "pod-1/snapshot/a.json"))!;
                }
                catch (Exception ex) when (ReadsFailWhileTheSameEntryIsWritten && ex is not Xunit.Sdk.XunitException)
                {
                    continue; // the server could not give one whole version: an error, never a mix
                }

                Assert.Equal(Whole(content[0]), content);
                reads++;
            }
        });

        await Task.WhenAll(writers);
        await done.CancelAsync();
        await reader;

        // A server that rewrites in place (s3rver) can be left with an object its own checksum refuses,
        // read by no one as valid; every other store must have served whole reads.
        Assert.True(reads > 0 || ReadsFailWhileTheSameEntryIsWritten, "no read succeeded");
    }

    /// <summary>
    /// Whether the server under test may fail a read of an entry while it is being replaced (a test
    /// server that writes in place); the read must then fail, never return part of either version.
    /// </summary>
    protected virtual bool ReadsFailWhileTheSameEntryIsWritten => false;

    private static byte[] Whole(int writer) => Enumerable.Repeat((byte)writer, 40_000 + (writer * 10_001)).ToArray();

    [SkippableFact]
    public void Describe_NamesTheEntry_AndLimitsAreStated()
    {
        string described = Store.Describe("fraud model", "3", "pod-1/snapshot/a.json");
        Assert.Contains("pod-1/snapshot/a.json", described, StringComparison.Ordinal);
        Assert.Contains("fraud%20model", described, StringComparison.Ordinal);

        Assert.Null(Store.CheckLimits("fraud", "3", "pod-1/snapshot/a.json"));
        string? tooLong = Store.CheckLimits(new string('m', 5_000), "3", "pod-1/snapshot/a.json");
        Assert.False(string.IsNullOrWhiteSpace(tooLong));
    }

    /// <summary>
    /// Replicas whose ids share a prefix run on the store at once with time windows kept as profiles
    /// (at most 3 per replica), restart in turn, and each restores its own state from the newer of its
    /// two snapshots; retention deletes only a replica's own windows; the windows merge across replicas.
    /// </summary>
    [SkippableFact]
    public async Task Replicas_RestoreTheirOwn_PruneTheirOwn_AndTheirWindowsMerge()
    {
        var reference = TestModels.NormalReference(features: 2, rows: 2_000);
        var time = new FakeTimeProvider(TestModels.Start);
        var logs = new FakeLogCollector();
        string[] replicas = ["pod-1", "pod-1-a", "pod"];
        int[] counts = [300, 20, 75];
        HostedModelWatch Create(string replica)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(time);
            services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
            services.AddModelWatch(o =>
                {
                    o.ShardCount = 2;
                    o.ReplicaId = replica;
                    o.WindowProfileMaxCount = 3;

                    // The test saves by hand, once per hour; the periodic saves (one caller at a time, as
                    // the host runs them) and evaluations stay out of its way.
                    o.SnapshotInterval = TimeSpan.FromDays(1);
                    o.EvaluationInterval = TimeSpan.FromDays(1);
                })
                .AddModel("m", m => m.Numeric("f0", "f1").Reference(reference).Window(TimeSpan.FromHours(1)).KeepWindowProfiles())
                .UseStore<ForwardTo>();
            services.Replace(ServiceDescriptor.Singleton(Store));
            return new HostedModelWatch(services.BuildServiceProvider());
        }

        var hosts = replicas.Select(Create).ToArray();
        foreach (var host in hosts)
        {
            await host.StartAsync();
        }

        for (int hour = 0; hour < 5; hour++)
        {
            for (int r = 0; r < hosts.Length; r++)
            {
                var monitor = hosts[r].Watch.GetMonitor("m");
                for (int i = 0; i < counts[r]; i++)
                {
                    monitor.Log([(i % 7) + hour, i % 5], 0.5);
                }
            }

            time.Advance(TimeSpan.FromHours(1));
            foreach (var host in hosts)
            {
                await host.Watch.EvaluateAsync();
                await host.Services.Scheduler().SnapshotAsync(CancellationToken.None);
            }
        }

        foreach (var host in hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }

        // Retention: each replica kept its own newest three windows and its two snapshots.
        Assert.DoesNotContain(logs.GetSnapshot(), l => l.Level >= LogLevel.Warning && l.Category == typeof(SnapshotScheduler).FullName);
        var listed = await Store.ListAsync("m", "1", CancellationToken.None);
        foreach (string replica in replicas)
        {
            var mine = listed.Where(e => e.StartsWith(replica + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(
                new[] { "snapshot/a.json", "snapshot/b.json", "window/20260105T020000000Z.mwp", "window/20260105T030000000Z.mwp", "window/20260105T040000000Z.mwp" }
                    .Select(e => replica + "/" + e),
                mine);
        }

        // The last hour merged across the fleet: every replica's share.
        var merged = await Store.MergeWindowProfilesAsync("m", "1", TestModels.Start.AddHours(4));
        Assert.NotNull(merged);
        Assert.Equal(counts.Sum(), merged.Rows);

        // Each replica restarts on its own state, and only its own.
        for (int r = replicas.Length - 1; r >= 0; r--)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await using var host = Create(replicas[r]);
            await host.StartAsync();
            Assert.Equal(5 * counts[r], host.Services.SingleMonitor().Totals.Events);
            await host.StopAsync();
        }

        // Nothing went wrong in the store (the shifted traffic raises drift alerts, which are not its business).
        Assert.DoesNotContain(logs.GetSnapshot(), l => l.Level >= LogLevel.Warning && l.Category == typeof(SnapshotScheduler).FullName);
    }

    /// <summary>Stands in for the store's type at registration; the test's store instance replaces it.</summary>
    private sealed class ForwardTo : IProfileStore
    {
        public Task WriteAsync(string modelName, string modelVersion, string entry, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream?> OpenReadAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> ListAsync(string modelName, string modelVersion, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken) => throw new NotSupportedException();

        public string Describe(string modelName, string modelVersion, string entry) => throw new NotSupportedException();
    }
}

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
/// A store written in the first layout (ModelWatch 0.1: <c>Samples/store-0.1</c>, described in its
/// README) is read once in that layout and rewritten in the layout by replica.
/// </summary>
public sealed class StoreUpgradeTests : IDisposable
{
    private const string Window = "20260105T000000000Z";
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 2_000);
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "Persistence", "Samples", "store-0.1", "m", "1");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-upgrade-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestModels.Start.AddHours(2));
    private readonly FakeLogCollector _logs = new();

    public StoreUpgradeTests()
    {
        string version = Path.Combine(_folder, "m", "1");
        Directory.CreateDirectory(version);
        foreach (string file in Directory.EnumerateFiles(Sample))
        {
            File.Copy(file, Path.Combine(version, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private HostedModelWatch Create(string replica, IProfileStore? store = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)));
        services.AddModelWatch(o => o.ReplicaId = replica)
            .AddModel("m", m => m.Numeric("f0", "f1").Reference(Reference).Window(TimeSpan.FromHours(1)).KeepWindowProfiles())
            .UseFileStore(_folder);
        if (store is not null)
        {
            services.RemoveAll<IProfileStore>();
            services.AddSingleton(store);
        }

        return new HostedModelWatch(services.BuildServiceProvider());
    }

    private async Task<string[]> EntriesAsync() =>
        [.. (await new FileProfileStore(_folder).ListAsync("m", "1", CancellationToken.None)).Order(StringComparer.Ordinal)];

    private string PathOf(string entry) => new FileProfileStore(_folder).PathOf("m", "1", entry);

    [Fact]
    public async Task StoreOfTheFirstLayout_IsReadOnceAndRewrittenByReplica()
    {
        // The first replica to start continues from the shared snapshots (the newer: 400 predictions);
        // each window profile goes to the replica that saved it.
        await using (var a = Create("pod-a"))
        {
            await a.StartAsync();
            Assert.Equal(400, a.Services.SingleMonitor().Totals.Events);
            Assert.Equal(
                ["pod-a/snapshot/a.json", "pod-a/snapshot/b.json", $"pod-a/window/{Window}.mwp", $"pod-b/window/{Window}.mwp"],
                await EntriesAsync());
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Sample, "snapshot-a.json")), await File.ReadAllBytesAsync(PathOf("pod-a/snapshot/a.json")));
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Sample, $"window-{Window}.pod-b.mwp")), await File.ReadAllBytesAsync(PathOf($"pod-b/window/{Window}.mwp")));
            var moved = Assert.Single(_logs.GetSnapshot(), r => r.Id.Id == 408);
            Assert.Contains("4 entries", moved.Message, StringComparison.Ordinal);

            // The fleet's first hour, merged from both replicas' profiles.
            var fleet = await new FileProfileStore(_folder).MergeWindowProfilesAsync("m", "1", TestModels.Start);
            Assert.Equal(310, fleet!.Rows);
            await a.StopAsync();
        }

        // Read once: a restart reads only its own entries, nothing is moved again.
        await using (var again = Create("pod-a"))
        {
            await again.StartAsync();
            Assert.Equal(400, again.Services.SingleMonitor().Totals.Events);
            Assert.Single(_logs.GetSnapshot(), r => r.Id.Id == 408);
        }

        // The shared snapshots went to pod-a: pod-b starts afresh, and says whose snapshots exist.
        await using (var b = Create("pod-b"))
        {
            await b.StartAsync();
            Assert.Equal(0, b.Services.SingleMonitor().Totals.Events);
            Assert.Contains("replicas pod-a have theirs", Assert.Single(_logs.GetSnapshot(), r => r.Id.Id == 409).Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(_logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task ReplicaWithSnapshotsOfItsOwn_LeavesTheSharedOnesToAReplicaWithout()
    {
        await using (var a = Create("pod-a"))
        {
            await a.StartAsync();
            a.Watch.GetMonitor("m").Log([0.1, 0.2], 0.5);
            await a.StopAsync(); // its own snapshots: 401 predictions
        }

        // A replica still on the first layout saves the shared snapshots again meanwhile (a rolling
        // upgrade): other content than pod-a's (the sample's two, each in the other's slot).
        File.Copy(Path.Combine(Sample, "snapshot-b.json"), Path.Combine(_folder, "m", "1", "snapshot-a.json"));
        File.Copy(Path.Combine(Sample, "snapshot-a.json"), Path.Combine(_folder, "m", "1", "snapshot-b.json"));

        await using (var a = Create("pod-a"))
        {
            await a.StartAsync();
            Assert.Equal(401, a.Services.SingleMonitor().Totals.Events);
            Assert.True(File.Exists(Path.Combine(_folder, "m", "1", "snapshot-a.json")));
        }

        await using var c = Create("pod-c");
        await c.StartAsync();
        Assert.Equal(400, c.Services.SingleMonitor().Totals.Events);
        Assert.DoesNotContain(await EntriesAsync(), e => e.StartsWith("snapshot-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WindowInBothLayouts_IsListedAndMergedOnce()
    {
        // Copied but not yet deleted (a replica stopped half-way through the move).
        var store = new FileProfileStore(_folder);
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf($"pod-a/window/{Window}.mwp"))!);
        File.Copy(Path.Combine(Sample, $"window-{Window}.pod-a.mwp"), PathOf($"pod-a/window/{Window}.mwp"));

        var entries = await store.ListWindowProfilesAsync("m", "1");

        Assert.Equal([$"pod-a/window/{Window}.mwp", $"window-{Window}.pod-b.mwp"], entries.Select(e => e.Entry).ToArray());
        Assert.Equal(310, (await store.MergeWindowProfilesAsync("m", "1", TestModels.Start))!.Rows);
    }

    [Fact]
    public async Task MoveFails_TheHostStarts_AndTheNextStartFinishesIt()
    {
        var failing = new FailingDeletes(new FileProfileStore(_folder));
        await using (var a = Create("pod-a", failing))
        {
            await a.StartAsync();

            // The snapshots were copied before the delete failed: the replica continues from them.
            Assert.Equal(400, a.Services.SingleMonitor().Totals.Events);
            var warning = Assert.Single(_logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
            Assert.Equal(410, warning.Id.Id);
        }

        await using (var a = Create("pod-a"))
        {
            await a.StartAsync();
            Assert.Equal(400, a.Services.SingleMonitor().Totals.Events);
        }

        Assert.Equal(
            ["pod-a/snapshot/a.json", "pod-a/snapshot/b.json", $"pod-a/window/{Window}.mwp", $"pod-b/window/{Window}.mwp"],
            await EntriesAsync());
    }

    /// <summary>A store whose deletes fail, as on a volume that allows creating files but not removing them.</summary>
    private sealed class FailingDeletes(IProfileStore inner) : ForwardingStore(inner)
    {
        public override Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken) =>
            throw new UnauthorizedAccessException($"Access to the path '{entry}' is denied.");
    }
}

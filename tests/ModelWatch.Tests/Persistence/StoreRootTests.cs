using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Persistence;

/// <summary>
/// A store's folder may be spelt many ways — a trailing separator, <c>.</c> and <c>..</c> segments,
/// a relative path, a symbolic link — and every spelling is the same store: the root is normalised
/// once, before any path is checked to lie inside it.
/// </summary>
public sealed class StoreRootTests : IDisposable
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 2_000);
    private static readonly char Slash = Path.DirectorySeparatorChar;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-root-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestModels.Start);

    public StoreRootTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Spellings of "<c>{test folder}/store</c>"; <c>~</c> stands for the test folder.</summary>
    public static TheoryData<string> Spellings => new()
    {
        "~/store",
        "~/store/",
        "~/store//",
        "~/store/.",
        "~/store/./",
        "~/./store/",
        "~/store/sub/..",
        "~/store/sub/../",
        "~/other/../store/",
    };

    private string Spell(string spelling) => spelling.Replace("~", _folder, StringComparison.Ordinal).Replace('/', Slash);

    private HostedModelWatch Create(string root)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddModelWatch(o => o.ReplicaId = "pod-1").AddModel("m", m => m.Numeric("f0", "f1").Reference(Reference)).UseFileStore(root);
        return new HostedModelWatch(services.BuildServiceProvider());
    }

    /// <summary>Starts a host on <paramref name="root"/>, logs <paramref name="count"/> predictions, stops it (the final save); returns what it restored first.</summary>
    private async Task<long> RunAsync(string root, int count)
    {
        await using var host = Create(root);
        await host.StartAsync();
        long restored = host.Services.SingleMonitor().Totals.Events;
        for (int i = 0; i < count; i++)
        {
            host.Watch.GetMonitor("m").Log([i % 7, i % 5], 0.5);
        }

        await host.StopAsync();
        return restored;
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task UseFileStore_AnySpellingOfTheFolder_StartsSavesAndRestores(string spelling)
    {
        Assert.Equal(0, await RunAsync(Spell(spelling), 100));
        Assert.Equal(100, await RunAsync(Spell("~/store"), 0)); // the same store, spelt plainly
        Assert.True(Directory.Exists(Path.Combine(_folder, "store", "m")));
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public void EverySpelling_IsOneRoot_AndNamesStayInsideIt(string spelling)
    {
        var plain = new FileProfileStore(Spell("~/store"));
        var spelt = new FileProfileStore(Spell(spelling));
        Assert.Equal(Path.Combine(_folder, "store"), spelt.Root);
        foreach (string hostile in new[] { "m", "../../x", "..", ".", "/etc/passwd", "a/b\\c" })
        {
            string path = spelt.PathOf(hostile, hostile, "pod-1/snapshot/a.json");
            Assert.Equal(plain.PathOf(hostile, hostile, "pod-1/snapshot/a.json"), path);
            Assert.StartsWith(spelt.Root + Slash, path, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RelativeRoot_IsTheFullPathFromTheCurrentFolder()
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(_folder, "store")) + Slash + "." + Slash;
        var store = new FileProfileStore(relative);
        Assert.Equal(Path.Combine(_folder, "store"), store.Root);
        Assert.StartsWith(store.Root + Slash, store.PathOf("m", "1", "e"), StringComparison.Ordinal);
    }

    [Fact]
    public void FileSystemRoot_HoldsEntriesDirectlyBelowIt()
    {
        // Nothing is written: only where the entries would go.
        string root = Path.GetPathRoot(_folder)!;
        var store = new FileProfileStore(root);
        Assert.Equal(root, store.Root);
        Assert.Equal(Path.Combine(root, "m", "1", "e"), store.PathOf("m", "1", "e"));
        Assert.Equal(Path.Combine(root, "%2E.", "1", "e"), store.PathOf("..", "1", "e"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/./")]
    [InlineData("/sub/../")]
    public async Task SymlinkedRoot_IsUsedThroughTheLink_AndWritesLandInItsTarget(string suffix)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // creating symbolic links needs a privilege there
        }

        string target = Path.Combine(_folder, "target");
        Directory.CreateDirectory(target);
        string link = Path.Combine(_folder, "link");
        Directory.CreateSymbolicLink(link, target);

        Assert.Equal(0, await RunAsync(link + suffix.Replace('/', Slash), 100));
        Assert.Equal(100, await RunAsync(link, 0));
        Assert.True(Directory.Exists(Path.Combine(target, "m", "1")));
        Assert.Equal(link, new FileProfileStore(link + suffix).Root); // the link is kept, not resolved: names are checked against the folder as configured
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("pod-1/../../../x")]
    [InlineData("..")]
    [InlineData("./x")]
    [InlineData("pod-1/snapshot/..")]
    public async Task EntriesWithDotSegments_StayInsideTheModelVersionsFolder(string entry)
    {
        var store = new FileProfileStore(Spell("~/store/"));
        string version = Path.Combine(store.Root, "m", "1") + Slash;
        string path = store.PathOf("m", "1", entry);
        Assert.StartsWith(version, path, StringComparison.Ordinal);

        await store.WriteAsync("m", "1", entry, (s, ct) => s.WriteAsync("x"u8.ToArray(), ct).AsTask(), CancellationToken.None);
        Assert.Equal([path], Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("/etc/passwd")]
    public void EntriesWithEmptySegments_AreRefused(string entry) =>
        Assert.Throws<ArgumentException>(() => new FileProfileStore(Spell("~/store")).PathOf("m", "1", entry));
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Persistence;

/// <summary>
/// Configuration a store cannot hold fails at start-up, with every other configuration problem,
/// instead of every save failing for ever: the file store's limits (255 bytes per encoded folder or
/// file name, the whole path), and those a store of your own states.
/// </summary>
public sealed class StoreLimitTests : IDisposable
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 2_000);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-limits-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestModels.Start);
    private readonly FakeLogCollector _logs = new();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Flatten(Exception e) => e switch
    {
        AggregateException a => string.Join("\n", a.InnerExceptions.Select(Flatten)),
        OptionsValidationException o => string.Join("\n", o.Failures),
        _ => e.Message,
    };

    /// <summary>Names whose encoded folder name is longer than 255 bytes: 300 ASCII characters, 90 CJK characters (9 bytes each once encoded), a 300-character version.</summary>
    public static TheoryData<string, string> TooLong => new()
    {
        { new string('x', 300), "1" },
        { new string('名', 90), "1" },
        { "m", new string('v', 300) },
        { new string('x', 256), "1" },
        { new string('名', 29), "1" },
    };

    [Theory]
    [MemberData(nameof(TooLong))]
    public async Task NamesTheFileStoreCannotHold_StopTheHost_WithEveryOtherProblem(string model, string version)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddModelWatch(o => o.EvaluationInterval = TimeSpan.Zero)
            .AddModel(model, m => m.Version(version).Numeric("f0", "f1").Reference(Reference))
            .UseFileStore(_folder);
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        string message = Flatten(error);
        Assert.Contains("EvaluationInterval", message, StringComparison.Ordinal);
        Assert.Contains($"version '{version}'", message, StringComparison.Ordinal);
        Assert.Contains("at most 255", message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder)); // nothing was written
    }

    /// <summary>The longest names that fit: 255 bytes once encoded.</summary>
    public static TheoryData<string, string> LongestThatFit => new()
    {
        { new string('x', 255), "1" },
        { new string('名', 28), "1" },
        { "m", new string('v', 255) },
    };

    [Theory]
    [MemberData(nameof(LongestThatFit))]
    public async Task LongestNamesTheFileStoreCanHold_AreAccepted_SavedAndRestored(string model, string version)
    {
        for (int run = 1; run <= 2; run++)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(_time);
            services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)));
            services.AddModelWatch(o => o.ReplicaId = new string('r', 64))
                .AddModel(model, m => m.Version(version).Numeric("f0", "f1").Reference(Reference).Window(TimeSpan.FromHours(1)).KeepWindowProfiles())
                .UseFileStore(_folder);
            await using var host = new HostedModelWatch(services.BuildServiceProvider());
            await host.StartAsync();
            Assert.Equal(100 * (run - 1), host.Services.SingleMonitor().Totals.Events);
            for (int i = 0; i < 100; i++)
            {
                host.Watch.GetMonitor(model).Log([i % 7, i % 5], 0.5);
            }

            _time.Advance(TimeSpan.FromHours(1));
            await host.Watch.EvaluateAsync();
            await host.StopAsync();
        }

        Assert.Empty(_logs.GetSnapshot().Where(r => r.Level >= LogLevel.Warning && r.Id.Id is >= 400 and < 500).Select(r => r.Message));
        Assert.Equal(2, (await new FileProfileStore(_folder).ListWindowProfilesAsync(model, version)).Count);
    }

    /// <summary>
    /// Names of every kind — ASCII, characters of 2, 3 and 4 UTF-8 bytes, characters the encoding
    /// escapes, device names, a leading '.' — at lengths around the limit, and seeded random ones.
    /// </summary>
    private static IEnumerable<string> Names()
    {
        string[] units = ["a", "é", "名", "😀", " ", "%", "/", ".", "-"];
        foreach (string unit in units)
        {
            foreach (int bytes in new[] { 240, 250, 253, 254, 255, 256, 257, 260, 300 })
            {
                int encoded = unit is "a" or "-" ? 1 : 3 * System.Text.Encoding.UTF8.GetByteCount(unit);
                int count = bytes / encoded;
                yield return "m" + string.Concat(Enumerable.Repeat(unit, count))[..Math.Min(count * unit.Length, 400)];
            }
        }

        yield return "CON";
        yield return "." + new string('x', 254);
        var rng = new SplitMix64(14);
        for (int i = 0; i < 40; i++)
        {
            int length = 60 + (int)(rng.NextUniform() * 60);
            yield return string.Concat(Enumerable.Range(0, length).Select(_ => units[(int)(rng.NextUniform() * units.Length)]));
        }
    }

    [Fact]
    public async Task FileStoreLimits_AgreeWithTheFileSystem_AcceptedExactlyWhenEveryEntryCanBeWritten()
    {
        var store = new FileProfileStore(_folder);
        int accepted = 0, refused = 0;
        foreach (string name in Names())
        {
            foreach (var (model, version) in new[] { (name, "1"), ("m", name) })
            {
                bool fits = StoreLimits.Check(store, model, version).Count == 0;
                bool writable = true;
                foreach (string entry in StoreLayout.LongestEntries)
                {
                    try
                    {
                        await store.WriteAsync(model, version, entry, (s, ct) => s.WriteAsync("x"u8.ToArray(), ct).AsTask(), CancellationToken.None);
                        await using var read = await store.OpenReadAsync(model, version, entry, CancellationToken.None);
                        writable &= read is not null;
                    }
                    catch (IOException)
                    {
                        writable = false;
                    }
                }

                Assert.True(fits == writable, $"model '{model}' version '{version}': the check says {(fits ? "it fits" : "it does not fit")}, the file system {(writable ? "holds it" : "refuses it")}");
                _ = fits ? accepted++ : refused++;
            }
        }

        Assert.True(accepted > 20 && refused > 20, $"{accepted} accepted, {refused} refused");
    }

    [Fact]
    public void FolderTooDeepForThePathLimit_IsRefused_NamingTheFolder()
    {
        string deep = Path.Combine([_folder, .. Enumerable.Repeat(new string('d', 250), 16)]);
        var problems = StoreLimits.Check(new FileProfileStore(deep), "m", "1");
        var problem = Assert.Single(problems);
        Assert.Contains("Model 'm' version '1'", problem, StringComparison.Ordinal);
        Assert.Contains(deep, problem, StringComparison.Ordinal);
        Assert.Contains(OperatingSystem.IsMacOS() ? "1,023" : "4,095", problem, StringComparison.Ordinal);
        Assert.Empty(StoreLimits.Check(new FileProfileStore(_folder), "m", "1"));
    }

    /// <summary>A store of your own that states its limit: keys of at most 112 characters, as some key-value stores have.</summary>
    public sealed class ShortKeyStore : IProfileStore
    {
        private readonly FileProfileStore _inner = new(Path.Combine(Path.GetTempPath(), "mw-short-keys"));

        public string? CheckLimits(string modelName, string modelVersion, string entry) =>
            $"{modelName}/{modelVersion}/{entry}".Length > 112 ? "keys hold at most 112 characters." : null;

        public Task WriteAsync(string modelName, string modelVersion, string entry, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("never reached: the host does not start");

        public Task<Stream?> OpenReadAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken) =>
            _inner.OpenReadAsync(modelName, modelVersion, entry, cancellationToken);

        public Task<IReadOnlyList<string>> ListAsync(string modelName, string modelVersion, CancellationToken cancellationToken) =>
            _inner.ListAsync(modelName, modelVersion, cancellationToken);

        public Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken) =>
            _inner.DeleteAsync(modelName, modelVersion, entry, cancellationToken);

        public string Describe(string modelName, string modelVersion, string entry) => $"short:{modelName}/{modelVersion}/{entry}";
    }

    [Fact]
    public async Task StoreOfYourOwn_StatesItsLimits_TheHostStopsAtStartNamingEveryModelItCannotHold()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddModelWatch()
            .AddModel("fits", m => m.Numeric("f0", "f1").Reference(Reference))
            .AddModel("a-model-with-a-long-name", m => m.Numeric("f0", "f1").Reference(Reference))
            .AddModel("another-model-with-a-long-name", m => m.Numeric("f0", "f1").Reference(Reference))
            .UseStore<ShortKeyStore>();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "Model 'a-model-with-a-long-name' version '1': the store cannot hold its entries: keys hold at most 112 characters.",
                "Model 'another-model-with-a-long-name' version '1': the store cannot hold its entries: keys hold at most 112 characters.",
            ],
            error.Failures.Order(StringComparer.Ordinal));
    }

    /// <summary>A store that needs the engine: built after it, so checking its limits never waits for it.</summary>
    public sealed class StoreNeedingTheEngine(IModelWatch watch)
        : ForwardingStore(new FileProfileStore(Path.Combine(Path.GetTempPath(), "mw-engine-store-" + Guid.NewGuid().ToString("N"))))
    {
        public IModelWatch Watch => watch;
    }

    [Fact]
    public async Task StoreThatTakesTheEngine_StartsAndIsChecked_NothingWaitsOnItself()
    {
        // 256 characters: a name ModelWatch serves, one byte too long for a file name.
        foreach (string model in new[] { "m", new string('x', 256) })
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddModelWatch().AddModel(model, m => m.Numeric("f0", "f1").Reference(Reference)).UseStore<StoreNeedingTheEngine>();
            using var host = builder.Build();
            var start = host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (model == "m")
            {
                await start;
                await host.StopAsync();
            }
            else
            {
                Assert.Contains("at most 255", Assert.Single((await Assert.ThrowsAsync<OptionsValidationException>(() => start)).Failures), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task VersionAddedAtRunTime_TheStoreCannotHold_IsReportedOnce_CountedAndNeverAttempted()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)));
        services.AddMetrics();
        services.AddModelWatch().AddModel("m", m => m.Numeric("f0", "f1").Reference(Reference)).UseFileStore(_folder);
        await using var host = new HostedModelWatch(services.BuildServiceProvider());
        using var errors = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), ModelWatchMeter.Name, ModelWatchInstruments.StoreErrors);
        await host.StartAsync();
        string version = new('v', 300);
        host.Watch.AddModel("m", m => m.Version(version).Numeric("f0", "f1").Reference(Reference));
        host.Watch.GetMonitor("m").Log([0.1, 0.2], 0.5);

        for (int i = 0; i < 3; i++)
        {
            await host.Services.Scheduler().SnapshotAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var error = Assert.Single(_logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Equal(411, error.Id.Id);
        Assert.Contains("at most 255", error.Message, StringComparison.Ordinal);
        Assert.Equal("store_limit", Assert.Single(errors.GetMeasurementSnapshot()).Tags[ModelWatchInstruments.ErrorType]);
        Assert.Equal(["1"], Directory.GetDirectories(Path.Combine(_folder, "m")).Select(Path.GetFileName));
    }
}

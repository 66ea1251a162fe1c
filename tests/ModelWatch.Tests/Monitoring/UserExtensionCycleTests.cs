using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// Every user extension point may take <see cref="IModelWatch"/> in its constructor: ModelWatch
/// constructs no user type and calls no user code while its own services are being constructed,
/// so resolving <see cref="IModelWatch"/> and starting the host finish. Each resolution runs on
/// the thread pool under a watchdog, so a dependency cycle fails the test instead of hanging the run.
/// </summary>
public sealed class UserExtensionCycleTests : IDisposable
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(20);
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 2_000);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-cycle-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> ExtensionPoints => ["alert handler", "retraining trigger", "store", "reference factory", "model options", "global options"];

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(ExtensionPoints))]
    public async Task ExtensionPoint_TakingIModelWatch_ResolvesStartsAndEvaluates(string point)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new StoreFolder(_folder));
        var builder = services.AddModelWatch(o => o.ShardCount = 2);
        bool factoryReference = point == "reference factory";
        builder.AddModel("m", m =>
        {
            m.Numeric("f0", "f1");
            if (factoryReference)
            {
                m.Reference(sp => sp.GetRequiredService<WatchingReference>().Build());
            }
            else
            {
                m.Reference(Reference);
            }
        });
        switch (point)
        {
            case "alert handler":
                builder.AddAlertHandler<WatchingHandler>();
                break;
            case "retraining trigger":
                builder.AddRetrainingTrigger<WatchingTrigger>();
                break;
            case "store":
                builder.UseStore<WatchingStore>();
                break;
            case "reference factory":
                services.AddSingleton<WatchingReference>();
                break;
            case "model options":
                services.AddSingleton<IConfigureOptions<ModelOptions>, WatchingModelOptions>();
                break;
            case "global options":
                services.AddSingleton<IConfigureOptions<ModelWatchOptions>, WatchingGlobalOptions>();
                break;
        }

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var watch = await Task.Run(() => provider.GetRequiredService<IModelWatch>()).WaitAsync(Watchdog);
        var host = new HostedModelWatch(provider);
        await Task.Run(host.StartAsync).WaitAsync(Watchdog);

        // The user's type was built, and holds the one IModelWatch.
        var holder = point switch
        {
            "alert handler" => provider.GetServices<IDriftAlertHandler>().Single(),
            "retraining trigger" => provider.GetServices<IRetrainingTrigger>().Single(),
            "store" => provider.GetRequiredService<IProfileStore>(),
            "reference factory" => provider.GetRequiredService<WatchingReference>(),
            "model options" => provider.GetServices<IConfigureOptions<ModelOptions>>().OfType<WatchingModelOptions>().Single(),
            _ => (object)provider.GetServices<IConfigureOptions<ModelWatchOptions>>().OfType<WatchingGlobalOptions>().Single(),
        };
        Assert.Same(watch, ((IWatching)holder).Watch);

        var monitor = watch.GetMonitor("m");
        Assert.True(watch.Models.Single().HasReference);
        monitor.Log([0.1, 0.2], 0.3);
        Assert.NotEmpty(await watch.EvaluateAsync().WaitAsync(Watchdog));
        await Task.Run(host.StopAsync).WaitAsync(Watchdog);
    }

    [Fact]
    public async Task ReferenceFactory_UsingIModelWatchWhileModelsAreRegistered_IsAClearErrorNotAHang()
    {
        var logger = new FakeLogger<ModelRegistry>();
        var services = new ServiceCollection();
        services.AddSingleton<ILogger<ModelRegistry>>(logger);
        services.AddModelWatch().AddModel("m", m => m.Numeric("f0", "f1").Reference(sp =>
        {
            // Resolving IModelWatch is fine; asking it for models before they exist cannot work.
            _ = sp.GetRequiredService<IModelWatch>().GetMonitor("m");
            return Reference;
        }));
        await using var provider = services.BuildServiceProvider();

        var watch = await Task.Run(() => provider.GetRequiredService<IModelWatch>()).WaitAsync(Watchdog);
        var models = await Task.Run(() => watch.Models).WaitAsync(Watchdog);

        // Not strict: the factory's failure is logged and the model starts without its reference.
        Assert.False(Assert.Single(models).HasReference);
        var failure = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 103);
        Assert.Contains("while its models are being registered", failure.Exception!.Message);
    }

    [Fact]
    public async Task StrictReferenceFactory_UsingIModelWatchWhileModelsAreRegistered_StopsTheStartWithTheReason()
    {
        var services = new ServiceCollection();
        services.AddModelWatch().AddModel("m", m => m.Numeric("f0", "f1").Configure(o => o.Strict = true).Reference(sp =>
        {
            _ = sp.GetRequiredService<IModelWatch>().Models;
            return Reference;
        }));
        await using var provider = services.BuildServiceProvider();
        var host = new HostedModelWatch(provider);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Task.Run(host.StartAsync).WaitAsync(Watchdog));
        Assert.Contains("while its models are being registered", error.Message);
    }

    internal interface IWatching
    {
        IModelWatch Watch { get; }
    }

    internal sealed record StoreFolder(string Path);

    internal sealed class WatchingHandler(IModelWatch watch) : IDriftAlertHandler, IWatching
    {
        public IModelWatch Watch { get; } = watch;

        public Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    internal sealed class WatchingTrigger(IModelWatch watch) : IRetrainingTrigger, IWatching
    {
        public IModelWatch Watch { get; } = watch;

        public Task OnRetrainingNeededAsync(RetrainingRequest request, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    internal sealed class WatchingReference(IModelWatch watch) : IWatching
    {
        public IModelWatch Watch { get; } = watch;

        public ReferenceProfile Build() => Watch is null ? throw new InvalidOperationException() : Reference;
    }

    internal sealed class WatchingModelOptions(IModelWatch watch) : IConfigureOptions<ModelOptions>, IWatching
    {
        public IModelWatch Watch { get; } = watch;

        public void Configure(ModelOptions options)
        {
        }
    }

    internal sealed class WatchingGlobalOptions(IModelWatch watch) : IConfigureOptions<ModelWatchOptions>, IWatching
    {
        public IModelWatch Watch { get; } = watch;

        public void Configure(ModelWatchOptions options)
        {
        }
    }

#pragma warning disable MW0002 // IProfileStore is experimental
    /// <summary>A store of the user's own that takes IModelWatch; it keeps its entries in a file store.</summary>
    internal sealed class WatchingStore(IModelWatch watch, StoreFolder folder) : ForwardingStore(new FileProfileStore(folder.Path)), IWatching
    {
        public IModelWatch Watch { get; } = watch;
    }
#pragma warning restore MW0002
}

using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;

namespace ModelWatch.DependencyInjection;

internal sealed class ModelWatchBuilder(IServiceCollection services) : IModelWatchBuilder
{
    public IServiceCollection Services { get; } = services;

    public IModelWatchBuilder AddModel(string name, Action<ModelBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        Declare(name);
        Services.Configure<ModelOptions>(name, options => configure(new ModelBuilder(name, options)));
        return this;
    }

    public IModelWatchBuilder AddModel(string name, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(section);
        Declare(name);
        // Keys that are no setting (a misspelt or renamed one) are errors, reported at start-up with
        // every other problem; the view accepts the short detector names.
        Services.AddOptions<ModelOptions>(name).Bind(new ModelConfigurationView(section), binder => binder.ErrorOnUnknownConfiguration = true);
        return this;
    }

    public IModelWatchBuilder AddAlertHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where THandler : class, IDriftAlertHandler
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IDriftAlertHandler, THandler>());
        return this;
    }

    public IModelWatchBuilder AddRetrainingTrigger<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TTrigger>()
        where TTrigger : class, IRetrainingTrigger
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IRetrainingTrigger, TTrigger>());
        return this;
    }

    public IModelWatchBuilder UseFileStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var store = new FileProfileStore(root);
        RemoveStore();
        Services.AddSingleton<IProfileStore>(store);

        // Known now: its limits are checked with every other configuration problem.
        Services.AddSingleton<IValidateOptions<ModelOptions>>(new StoreLimitsValidator(store));
        return AddSnapshots();
    }

    public IModelWatchBuilder UseStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, IProfileStore
    {
        RemoveStore();
        Services.AddSingleton<IProfileStore, TStore>();
        return AddSnapshots();
    }

    /// <summary>A store registered before is replaced, with the check of its limits.</summary>
    private void RemoveStore()
    {
        Services.RemoveAll<IProfileStore>();
        foreach (var check in Services.Where(d => d.ServiceType == typeof(IValidateOptions<ModelOptions>) && d.ImplementationInstance is StoreLimitsValidator).ToList())
        {
            Services.Remove(check);
        }
    }

    /// <summary>Snapshots and window profiles go to the registered store.</summary>
    private ModelWatchBuilder AddSnapshots()
    {
        Services.TryAddSingleton<SnapshotScheduler>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelRemovalObserver, SnapshotScheduler>(static sp => sp.GetRequiredService<SnapshotScheduler>()));
        Services.TryAddSingleton<ClosedWindowsWanted>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ModelWatchSnapshotService>());
        return this;
    }

    private void Declare(string name)
    {
        // Each declaration is recorded; a name declared twice is reported at start-up with every other problem.
        Services.AddSingleton(new ModelRegistration(name));
        Services.AddOptions<ModelOptions>(name).ValidateOnStart();
    }
}

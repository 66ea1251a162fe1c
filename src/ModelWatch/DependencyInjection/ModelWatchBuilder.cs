using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelWatch.Monitoring;

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
        Services.AddOptions<ModelOptions>(name).Bind(section);
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
        Services.RemoveAll<Persistence.IProfileStore>();
        Services.AddSingleton<Persistence.IProfileStore>(new Persistence.FileProfileStore(root));
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ModelWatchSnapshotService>());
        return this;
    }

    public IModelWatchBuilder UseStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, Persistence.IProfileStore
    {
        Services.RemoveAll<Persistence.IProfileStore>();
        Services.AddSingleton<Persistence.IProfileStore, TStore>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ModelWatchSnapshotService>());
        return this;
    }

    private void Declare(string name)
    {
        // Each declaration is recorded; a name declared twice is reported at start-up with every other problem.
        Services.AddSingleton(new ModelRegistration(name));
        Services.AddOptions<ModelOptions>(name).ValidateOnStart();
    }
}

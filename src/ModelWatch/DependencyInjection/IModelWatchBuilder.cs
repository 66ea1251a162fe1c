using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.DependencyInjection;

/// <summary>What <c>AddModelWatch</c> returns: add models, alert handlers and retraining triggers to it.</summary>
public interface IModelWatchBuilder
{
    /// <summary>Gets the service collection ModelWatch is registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>Declares a model in code.</summary>
    /// <param name="name">The model's name.</param>
    /// <param name="configure">Declares the schema, reference, windows…</param>
    /// <returns>This builder.</returns>
    /// <remarks>Settings from configuration (<c>ModelWatch:Models:&lt;name&gt;</c>, if bound) apply first; the code applies on top.</remarks>
    IModelWatchBuilder AddModel(string name, Action<ModelBuilder> configure);

    /// <summary>Declares a model from a configuration section (e.g. <c>ModelWatch:Models:fraud</c>).</summary>
    /// <param name="name">The model's name.</param>
    /// <param name="section">The section bound to <see cref="ModelOptions"/>.</param>
    /// <returns>This builder.</returns>
    /// <remarks>
    /// Enum values are names in any case (a detector may also be <c>Ks</c> or <c>Psi</c>). A value that
    /// names nothing, or a key that is no setting, is reported at start-up with every other problem.
    /// </remarks>
    IModelWatchBuilder AddModel(string name, IConfiguration section);

    /// <summary>Registers an alert handler (a singleton), called when drift alerts are raised and cleared.</summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <returns>This builder.</returns>
    IModelWatchBuilder AddAlertHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where THandler : class, IDriftAlertHandler;

    /// <summary>Registers a retraining trigger (a singleton), called on sustained drift.</summary>
    /// <typeparam name="TTrigger">The trigger type.</typeparam>
    /// <returns>This builder.</returns>
    IModelWatchBuilder AddRetrainingTrigger<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TTrigger>()
        where TTrigger : class, IRetrainingTrigger;

    /// <summary>
    /// Keeps every monitor's state in a folder (<see cref="Persistence.FileProfileStore"/>): restored
    /// when the host starts, saved on <see cref="ModelWatchOptions.SnapshotInterval"/> and when it stops.
    /// </summary>
    /// <param name="root">The folder.</param>
    /// <returns>This builder.</returns>
    IModelWatchBuilder UseFileStore(string root);

    /// <summary>Keeps every monitor's state in a store of your own (see docs/persistence.md).</summary>
    /// <typeparam name="TStore">The store type (a singleton).</typeparam>
    /// <returns>This builder.</returns>
    IModelWatchBuilder UseStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, Persistence.IProfileStore;
}

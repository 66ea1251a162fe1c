using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ModelWatch.Monitoring;

/// <summary>
/// Every monitored model version, keyed by name and version, with the handle that follows each
/// model's current version. Built from the configured models on first use (every configuration
/// problem reported in one exception); versions added at run time join it.
/// </summary>
/// <remarks>
/// The constructor runs no user code: options (and their configure callbacks) are read and
/// reference factories called when the models are first needed — at host start, or the first
/// query — after the container has finished constructing ModelWatch. A user type that takes
/// <see cref="IModelWatch"/> in its constructor therefore never meets a half-built engine
/// (a dependency cycle the container cannot detect through the factory-forwarded registration).
/// </remarks>
internal sealed class ModelRegistry : IDisposable
{
    private readonly ConcurrentDictionary<(string Name, string Version), ModelMonitor> _versions = new();
    private readonly ConcurrentDictionary<string, CurrentVersionMonitor> _current = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private volatile ModelMonitor[]? _snapshot;
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private ModelWatchOptions? _settings;
    private string? _replicaId;
    private int _shardCount;
    private volatile bool _built;
    private bool _building;
    private Exception? _buildFailure;
    private int _disposed;

    /// <param name="services">
    /// Where the options, the declared models and what reference factories need are resolved — on
    /// first use, not here: resolving options constructs the user's configure callbacks.
    /// </param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The log.</param>
    /// <param name="meterFactory">The host's meter factory, if any.</param>
    public ModelRegistry(IServiceProvider services, TimeProvider time, ILogger<ModelRegistry>? logger = null, IMeterFactory? meterFactory = null)
    {
        _time = time;
        _services = services;
        _logger = logger ?? NullLogger<ModelRegistry>.Instance;
        Metrics = new ModelWatchMetrics(meterFactory, Snapshot);
    }

    /// <summary>The global settings.</summary>
    public ModelWatchOptions Options
    {
        get
        {
            EnsureBuilt();
            return _settings!;
        }
    }

    /// <summary>This process's name among the replicas that share a store.</summary>
    public string ReplicaId
    {
        get
        {
            EnsureBuilt();
            return _replicaId!;
        }
    }

    /// <summary>The meter's instruments, shared by every part of the runtime.</summary>
    public ModelWatchMetrics Metrics { get; }

    /// <summary>Every monitored version in name and version order, as of now (a snapshot: versions added or removed later are not in it).</summary>
    public IReadOnlyCollection<ModelMonitor> Monitors
    {
        get
        {
            EnsureBuilt();
            return Snapshot();
        }
    }

    /// <summary>
    /// The versions in name and version order (ordinal), in an array kept until the next is added or
    /// removed: every scrape callback, evaluation pass and model list reads it, and a dictionary's
    /// <c>Values</c> would copy (and a list would sort) all of them each time.
    /// </summary>
    private ModelMonitor[] Snapshot()
    {
        if (_snapshot is { } snapshot)
        {
            return snapshot;
        }

        lock (_lock)
        {
            if (_snapshot is null)
            {
                ModelMonitor[] sorted = [.. _versions.Values];
                Array.Sort(sorted, static (a, b) =>
                {
                    int byName = string.CompareOrdinal(a.ModelName, b.ModelName);
                    return byName != 0 ? byName : string.CompareOrdinal(a.ModelVersion, b.ModelVersion);
                });
                _snapshot = sorted;
            }

            return _snapshot;
        }
    }

    /// <summary>
    /// Reads the options and registers the configured models, once; later calls return at once or
    /// throw what the first one threw.
    /// </summary>
    /// <exception cref="OptionsValidationException">Every configuration problem, in one exception.</exception>
    /// <exception cref="InvalidOperationException">
    /// User code run while registering (a reference factory, an options callback) used
    /// <see cref="IModelWatch"/> before the models existed.
    /// </exception>
    public void EnsureBuilt()
    {
        if (!_built)
        {
            Build();
        }
    }

    /// <summary>The handle that follows a model's current version.</summary>
    /// <exception cref="KeyNotFoundException">No such model.</exception>
    public CurrentVersionMonitor Handle(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        EnsureBuilt();
        return _current.TryGetValue(modelName, out var handle)
            ? handle
            : throw new KeyNotFoundException($"No model named '{modelName}' is monitored; declare it with AddModel(\"{modelName}\", ...).");
    }

    /// <summary>One version's monitor.</summary>
    /// <exception cref="KeyNotFoundException">No such model version.</exception>
    public ModelMonitor Version(string modelName, string version)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(version);
        EnsureBuilt();
        return _versions.TryGetValue((modelName, version), out var monitor)
            ? monitor
            : throw new KeyNotFoundException($"Model '{modelName}' has no monitored version '{version}'.");
    }

    /// <summary>Whether <paramref name="monitor"/> is its model's current version.</summary>
    public bool IsCurrent(ModelMonitor monitor) =>
        _current.TryGetValue(monitor.ModelName, out var handle) && ReferenceEquals(handle.Current, monitor);

    /// <summary>Starts monitoring a model version; it becomes the model's current version.</summary>
    /// <exception cref="OptionsValidationException">The reference does not fit the schema.</exception>
    /// <exception cref="InvalidOperationException">The version is monitored already.</exception>
    public ModelMonitor Register(ModelDefinition definition)
    {
        EnsureBuilt();
        return Add(definition);
    }

    private ModelMonitor Add(ModelDefinition definition)
    {
        var reference = LoadReference(definition);
        if (reference?.Mismatch(definition.Schema) is { } mismatch)
        {
            throw new OptionsValidationException(definition.Name, typeof(ModelOptions), [$"Model '{definition.Name}': {mismatch}"]);
        }

        var metrics = new MonitorMetrics(Metrics.Duration, definition.Name, definition.Version);
        var monitor = new ModelMonitor(definition, _time, _shardCount, reference, metrics);
        lock (_lock)
        {
            if (!_versions.TryAdd((definition.Name, definition.Version), monitor))
            {
                throw new InvalidOperationException($"Model '{definition.Name}' version '{definition.Version}' is already monitored.");
            }

            _snapshot = null;

            if (_current.TryGetValue(definition.Name, out var handle))
            {
                handle.Current = monitor;
            }
            else
            {
                _current[definition.Name] = new CurrentVersionMonitor(monitor);
            }
        }

        Log.ModelAdded(_logger, definition.Name, definition.Version, definition.Schema.NumericColumns.Length, definition.Schema.CategoricalColumns.Length);
        if (reference is not null)
        {
            Log.ReferenceLoaded(_logger, definition.Name, definition.Version, reference.RowCount, "supplied");
        }

        return monitor;
    }

    /// <summary>
    /// Stops monitoring a version that is not its model's current one: it leaves the registry and its
    /// model's handle, so nothing here keeps it alive.
    /// </summary>
    /// <returns>Whether it was retired (false: it is current, or already gone).</returns>
    public bool Retire(ModelMonitor monitor)
    {
        lock (_lock)
        {
            if (IsCurrent(monitor) || !_versions.TryRemove(new KeyValuePair<(string, string), ModelMonitor>((monitor.ModelName, monitor.ModelVersion), monitor)))
            {
                return false;
            }

            _current[monitor.ModelName].Forget(monitor);
            _snapshot = null;
            return true;
        }
    }

    /// <summary>
    /// Stops monitoring every version of a model: they leave the registry, and the model's handle
    /// leaves with them, so nothing here keeps them alive.
    /// </summary>
    /// <returns>The versions removed; empty when no such model is monitored.</returns>
    public ModelMonitor[] Remove(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        EnsureBuilt();
        lock (_lock)
        {
            if (!_current.TryRemove(modelName, out var handle))
            {
                return [];
            }

            var versions = handle.Versions;
            foreach (var version in versions)
            {
                _versions.TryRemove((version.ModelName, version.ModelVersion), out _);
            }

            _snapshot = null;
            return versions;
        }
    }

    public void Dispose()
    {
        // Registered as a singleton that other singletons hold: the container may reach it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Metrics.Dispose();
        }
    }

    private void Build()
    {
        lock (_lock)
        {
            if (_built)
            {
                return;
            }

            if (_buildFailure is not null)
            {
                ExceptionDispatchInfo.Throw(_buildFailure);
            }

            if (_building)
            {
                // The lock is re-entrant: only the thread that is registering gets here.
                throw new InvalidOperationException(
                    "IModelWatch was used while its models are being registered (by a reference factory or an options callback); "
                    + "such code may take IModelWatch, but may use it only once the models exist (after start-up).");
            }

            _building = true;
            try
            {
                RegisterConfigured();
                _built = true;
            }
            catch (Exception ex)
            {
                _buildFailure = ex;
                throw;
            }
            finally
            {
                _building = false;
            }
        }
    }

    private void RegisterConfigured()
    {
        // Every configuration problem is collected and reported in one exception, whichever
        // part of the host asks for the models first.
        var errors = new List<string>();
        ModelWatchOptions settings;
        try
        {
            settings = Resolve<IOptions<ModelWatchOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            errors.AddRange(ex.Failures);
            settings = new ModelWatchOptions();
        }
        catch (InvalidOperationException ex) when (ConfigurationErrors.TryDescribe(null, ex, out string? problem))
        {
            errors.Add(problem);
            settings = new ModelWatchOptions();
        }

        _settings = settings;
        _shardCount = settings.ShardCount > 0 ? settings.ShardCount : Math.Min(64, Environment.ProcessorCount);
        _replicaId = settings.ReplicaId ?? ReplicaIds.Default();

        var definitions = new List<ModelDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var modelOptions = Resolve<IOptionsMonitor<ModelOptions>>();
        foreach (var registration in (IEnumerable<ModelRegistration>?)_services.GetService(typeof(IEnumerable<ModelRegistration>)) ?? [])
        {
            if (!seen.Add(registration.Name))
            {
                continue;
            }

            try
            {
                definitions.Add(ModelDefinition.Create(registration.Name, modelOptions.Get(registration.Name)));
            }
            catch (OptionsValidationException ex)
            {
                errors.AddRange(ex.Failures);
            }
            catch (InvalidOperationException ex) when (ConfigurationErrors.TryDescribe(registration.Name, ex, out string? problem))
            {
                // The binder stops at the first value it cannot convert: the model's other settings go unchecked.
                errors.Add(problem);
            }
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(ModelWatchOptions), errors.Distinct());
        }

        foreach (var definition in definitions)
        {
            Add(definition);
        }
    }

    private T Resolve<T>()
        where T : class =>
        (T?)_services.GetService(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered; register ModelWatch with services.AddModelWatch().");

    private ReferenceProfile? LoadReference(ModelDefinition definition)
    {
        if (definition.Reference is not null || definition.ReferenceFactory is null)
        {
            return definition.Reference;
        }

        try
        {
            return definition.ReferenceFactory(_services);
        }
        catch (Exception ex) when (!definition.Strict)
        {
            // A missing or damaged reference must not take the host down: the model reports
            // data quality until a reference exists.
            Log.ReferenceFactoryFailed(_logger, ex, definition.Name, definition.Version, ex.Message);
            return null;
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ModelWatch.Monitoring;

/// <summary>
/// Every monitored model version, keyed by name and version, with the handle that follows each
/// model's current version. Built from the configured models at start-up (every configuration
/// problem reported in one exception); versions added at run time join it.
/// </summary>
internal sealed class ModelRegistry : IDisposable
{
    private readonly ConcurrentDictionary<(string Name, string Version), ModelMonitor> _versions = new();
    private readonly ConcurrentDictionary<string, CurrentVersionMonitor> _current = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly int _shardCount;
    private int _disposed;

    public ModelRegistry(
        IOptions<ModelWatchOptions> options,
        IOptionsMonitor<ModelOptions> modelOptions,
        IEnumerable<ModelRegistration> registrations,
        TimeProvider time,
        IServiceProvider services,
        ILogger<ModelRegistry>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        // Every configuration problem is collected and reported in one exception, whichever
        // part of the host asks for the registry first.
        var errors = new List<string>();
        try
        {
            Options = options.Value;
        }
        catch (OptionsValidationException ex)
        {
            errors.AddRange(ex.Failures);
            Options = new ModelWatchOptions();
        }
        catch (InvalidOperationException ex) when (ConfigurationErrors.TryDescribe(null, ex, out string? problem))
        {
            errors.Add(problem);
            Options = new ModelWatchOptions();
        }

        _time = time;
        _services = services;
        _logger = logger ?? NullLogger<ModelRegistry>.Instance;
        _shardCount = Options.ShardCount > 0 ? Options.ShardCount : Math.Min(64, Environment.ProcessorCount);
        ReplicaId = Options.ReplicaId ?? ReplicaIds.Default();
        Metrics = new ModelWatchMetrics(meterFactory, () => (IReadOnlyCollection<ModelMonitor>)_versions.Values);

        var definitions = new List<ModelDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var registration in registrations)
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

        try
        {
            if (errors.Count > 0)
            {
                throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(ModelWatchOptions), errors.Distinct());
            }

            foreach (var definition in definitions)
            {
                Register(definition);
            }
        }
        catch
        {
            // The container never sees a registry whose constructor threw: release its meter here.
            Metrics.Dispose();
            throw;
        }
    }

    /// <summary>The global settings.</summary>
    public ModelWatchOptions Options { get; }

    /// <summary>This process's name among the replicas that share a store.</summary>
    public string ReplicaId { get; }

    /// <summary>The meter's instruments, shared by every part of the runtime.</summary>
    public ModelWatchMetrics Metrics { get; }

    /// <summary>Every monitored version (a live view; new versions appear as they are added).</summary>
    public IReadOnlyCollection<ModelMonitor> Monitors => (IReadOnlyCollection<ModelMonitor>)_versions.Values;

    /// <summary>The handle that follows a model's current version.</summary>
    /// <exception cref="KeyNotFoundException">No such model.</exception>
    public CurrentVersionMonitor Handle(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
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

    public void Dispose()
    {
        // Registered as a singleton that other singletons hold: the container may reach it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Metrics.Dispose();
        }
    }

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

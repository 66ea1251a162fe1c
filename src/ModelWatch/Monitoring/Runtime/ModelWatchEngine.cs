using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ModelWatch.Monitoring;

/// <summary>
/// The host behind <see cref="IModelWatch"/>: it answers queries from the <see cref="ModelRegistry"/>
/// and, on the hosted service's interval or on demand, loops over the models, evaluating each with
/// the <see cref="MonitorEvaluator"/>, publishing its reports (<see cref="ReportPublisher"/>) and
/// handing its alerts to the <see cref="AlertDispatcher"/>. One model's failure never stops the others.
/// </summary>
internal sealed class ModelWatchEngine : IModelWatch, IDisposable
{
    private readonly ModelRegistry _registry;
    private readonly MonitorEvaluator _evaluator;
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _evaluationGate = new(1, 1);
    private readonly Lock _startLock = new();
    private readonly ReportPublisher _publisher;
    private volatile AlertDispatcher? _dispatcher;
    private int _disposed;

    /// <remarks>
    /// Takes no user type: alert handlers and retraining triggers are resolved by <see cref="Start"/>,
    /// once the container has finished constructing the engine, so they may take <see cref="IModelWatch"/>.
    /// </remarks>
    public ModelWatchEngine(ModelRegistry registry, TimeProvider time, IServiceProvider services, ILogger<ModelWatchEngine>? logger = null)
    {
        _registry = registry;
        _time = time;
        _services = services;
        _logger = logger ?? NullLogger<ModelWatchEngine>.Instance;

        // Closed windows are only worth keeping when a store saves them as profiles.
        bool keep = services.GetService(typeof(ClosedWindowsWanted)) is not null;
        _evaluator = new MonitorEvaluator(time, _logger, registry.Metrics, keepClosedWindows: keep);
        _publisher = new ReportPublisher(_logger, registry.Metrics);
    }

    /// <summary>
    /// Registers the configured models and resolves the alert handlers and retraining triggers, once:
    /// called when the host starts (so configuration errors stop it) or by the first evaluation.
    /// </summary>
    public void Start() => _ = Dispatcher;

    private AlertDispatcher Dispatcher
    {
        get
        {
            if (_dispatcher is { } started)
            {
                return started;
            }

            lock (_startLock)
            {
                if (_dispatcher is null)
                {
                    _registry.EnsureBuilt();
                    var handlers = (IEnumerable<IDriftAlertHandler>?)_services.GetService(typeof(IEnumerable<IDriftAlertHandler>)) ?? [];
                    var triggers = (IEnumerable<IRetrainingTrigger>?)_services.GetService(typeof(IEnumerable<IRetrainingTrigger>)) ?? [];
                    _dispatcher = new AlertDispatcher(handlers, triggers, _registry.Options.HandlerTimeout, _time, _logger, _registry.Metrics);
                }

                return _dispatcher;
            }
        }
    }

    public IReadOnlyList<ModelInfo> Models =>
        [.. _registry.Monitors // in name and version order already
            .Select(m => new ModelInfo { Name = m.ModelName, Version = m.ModelVersion, IsCurrent = _registry.IsCurrent(m), HasReference = m.Layout.HasReference, IsSegmented = m.Segments is not null })];

    public event EventHandler<DriftReportEventArgs>? ReportPublished;

    public event EventHandler<QualityReportEventArgs>? QualityReportPublished;

    public IModelMonitor GetMonitor(string modelName) => _registry.Handle(modelName);

    public IModelMonitor GetMonitor(string modelName, string version) => _registry.Version(modelName, version);

    public IModelMonitor AddModel(string modelName, Action<ModelBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ModelOptions();
        configure(new ModelBuilder(modelName, options));
        var result = new ModelOptionsValidator().Validate(modelName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(modelName, typeof(ModelOptions), result.Failures);
        }

        return _registry.Register(ModelDefinition.Create(modelName, options));
    }

    public async Task<bool> RemoveModelAsync(string modelName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ModelMonitor[] removed;
        await _evaluationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            removed = _registry.Remove(modelName);
        }
        finally
        {
            _evaluationGate.Release();
        }

        if (removed.Length == 0)
        {
            return false;
        }

        Log.ModelRemoved(_logger, modelName, removed.Length);
        foreach (var observer in (IEnumerable<IModelRemovalObserver>?)_services.GetService(typeof(IEnumerable<IModelRemovalObserver>)) ?? [])
        {
            await observer.ForgetAsync(removed, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public DriftReport? GetLatestReport(string modelName) => CurrentOf(modelName).State.LatestReport;

    public DriftReport? GetLatestReport(string modelName, string segment) => SegmentsOf(modelName, segment).Segments.Latest(segment);

    public bool IsAlertActive(string modelName, string segment) => SegmentsOf(modelName, segment).Segments.Alerts.IsActive(segment);

    public QualityReport? GetLatestQualityReport(string modelName, string segment) => SegmentsOf(modelName, segment).Monitor.Quality?.Segments?.Latest(segment);

    public IReadOnlyList<SegmentDriftResult> GetSegmentHistory(string modelName, string segment)
    {
        var (monitor, _) = SegmentsOf(modelName, segment);
        var history = new List<SegmentDriftResult>();
        foreach (var report in monitor.State.History)
        {
            foreach (var result in report.Segments)
            {
                if (string.Equals(result.Name, segment, StringComparison.Ordinal))
                {
                    history.Add(result);
                    break;
                }
            }
        }

        return history;
    }

    public IReadOnlyList<string> GetAlertingSegments(string modelName)
    {
        var monitor = CurrentOf(modelName);
        if (monitor.Segments is not { } segments)
        {
            return [];
        }

        var quality = monitor.Quality?.Segments?.Active ?? [];
        return quality.Count == 0 ? segments.Alerts.Active : [.. segments.Alerts.Active.Union(quality, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public bool IsQualityAlertActive(string modelName, string segment) => SegmentsOf(modelName, segment).Monitor.Quality?.Segments?.IsAlertActive(segment) ?? false;

    private (ModelMonitor Monitor, MonitorSegments Segments) SegmentsOf(string modelName, string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var monitor = CurrentOf(modelName);
        return monitor.Segments is { } segments
            ? (monitor, segments)
            : throw new InvalidOperationException($"Model '{ModelNames.ForMessage(modelName)}' is not segmented; declare segments with .SegmentBy(...) or .SegmentByKey().");
    }

    public IReadOnlyList<DriftReport> GetHistory(string modelName) => CurrentOf(modelName).State.History;

    public bool IsAlertActive(string modelName)
    {
        var monitor = CurrentOf(modelName);
        return monitor.State.Alert.Active || (monitor.Segments?.Alerts.Share.Active ?? false);
    }

    public QualityReport? GetLatestQualityReport(string modelName) => CurrentOf(modelName).Quality?.LatestArrival;

    public IReadOnlyList<QualityReport> GetQualityHistory(string modelName, QualityWindowBasis basis)
    {
        var quality = CurrentOf(modelName).Quality;
        return quality is null ? [] : basis == QualityWindowBasis.PredictionTime ? quality.PredictionHistory : quality.ArrivalHistory;
    }

    public bool IsQualityAlertActive(string modelName) => CurrentOf(modelName).Quality?.AnyAlertActive ?? false;

    public OutcomeCounts GetOutcomeCounts(string modelName) => CurrentOf(modelName).Outcomes?.Counts() ?? new OutcomeCounts();

    public async Task<IReadOnlyList<DriftReport>> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        var dispatcher = Dispatcher;
        await _evaluationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var reports = new List<DriftReport>();
            var monitors = _registry.Monitors.ToArray();
            int parallelism = EvaluationParallelism();

            // Models are evaluated in parallel batches ahead of this loop (the work), which publishes
            // them and dispatches their alerts in model order (user code, one call at a time as before).
            var batches = new EvaluationBatches(monitors, parallelism * BatchPerThread, parallelism, EvaluateOne, cancellationToken);
            await using (batches.ConfigureAwait(false))
            {
                await foreach (var batch in batches.Finished.ConfigureAwait(false))
                {
                    for (int i = 0; i < batch.Models.Count; i++)
                    {
                        var monitor = batch.Models[i];
                        if (batch.Evaluations[i] is not { } evaluation)
                        {
                            continue;
                        }

                        await _publisher.PublishAsync(this, monitor, evaluation, ReportPublished, QualityReportPublished, dispatcher.Calls, cancellationToken).ConfigureAwait(false);
                        reports.AddRange(evaluation.DriftReports);
                        foreach (var alert in evaluation.DriftAlerts)
                        {
                            await dispatcher.DispatchAsync(monitor, alert, cancellationToken).ConfigureAwait(false);
                        }

                        foreach (var alert in evaluation.QualityAlerts)
                        {
                            await dispatcher.DispatchAsync(monitor, alert, cancellationToken).ConfigureAwait(false);
                        }

                        RetireIfIdle(monitor);
                    }
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            return reports;
        }
        finally
        {
            _evaluationGate.Release();
        }
    }

    /// <summary>
    /// Models per evaluating thread in one batch: enough that the batch's end (where one thread may
    /// wait for the other's last model) is rare, few enough that reports follow soon.
    /// </summary>
    private const int BatchPerThread = 256;

    /// <summary>Evaluates one monitor; a failure is logged and counted, and the pass goes on with the next model.</summary>
    private MonitorEvaluation? EvaluateOne(ModelMonitor monitor, CancellationToken cancellationToken)
    {
        try
        {
            return _evaluator.Evaluate(monitor, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null; // stopping: the pass ends with this batch
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.EvaluationFailed(_logger, ex, monitor.ModelName, monitor.ModelVersion);
            _registry.Metrics.EvaluationErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ModelName, monitor.ModelName));
            return null;
        }
    }

    private int EvaluationParallelism() =>
        _registry.Options.EvaluationParallelism > 0 ? _registry.Options.EvaluationParallelism : Environment.ProcessorCount;

    public IAsyncEnumerable<DriftReport> WatchReportsAsync(CancellationToken cancellationToken = default) => _publisher.WatchAsync(cancellationToken);

    public void Dispose()
    {
        // Registered as itself and as IModelWatch: the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _dispatcher?.Dispose();
        _evaluationGate.Dispose();
    }

    private ModelMonitor CurrentOf(string modelName) => _registry.Handle(modelName).Current;

    /// <summary>Retires a version that is no longer current once it has been idle for <see cref="ModelWatchOptions.RetireIdleVersionsAfter"/>.</summary>
    private void RetireIfIdle(ModelMonitor monitor)
    {
        var after = _registry.Options.RetireIdleVersionsAfter;
        var idle = _time.GetUtcNow() - monitor.State.LastActiveAt;
        if (after != Timeout.InfiniteTimeSpan && idle >= after && _registry.Retire(monitor))
        {
            Log.VersionRetired(_logger, monitor.ModelName, monitor.ModelVersion, idle);
        }
    }
}

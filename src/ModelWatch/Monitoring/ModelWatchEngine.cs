using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ModelWatch.Monitoring;

/// <summary>
/// The registry and evaluator behind <see cref="IModelWatch"/>: it owns every model version's
/// monitor, evaluates them (on the hosted service's interval or on demand), keeps their reports,
/// runs alert hygiene and calls alert handlers and retraining triggers in isolation.
/// </summary>
internal sealed class ModelWatchEngine : IModelWatch, IDisposable
{
    private readonly ModelWatchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IServiceProvider _services;
    private readonly IDriftAlertHandler[] _handlers;
    private readonly IRetrainingTrigger[] _triggers;
    private readonly ModelWatchMetrics _metrics;
    private readonly ConcurrentDictionary<(string Name, string Version), ModelMonitor> _versions = new();
    private readonly ConcurrentDictionary<string, CurrentVersionMonitor> _current = new(StringComparer.Ordinal);
    private readonly Lock _registryLock = new();
    private readonly SemaphoreSlim _evaluationGate = new(1, 1);
    private readonly List<Channel<DriftReport>> _subscribers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _shardCount;
    private readonly string _replicaId;
    private readonly bool _savesWindowProfiles;

    /// <summary>The longest back-off between snapshot attempts of a failing monitor: 2^4 = 16 intervals.</summary>
    private const int MaxSnapshotBackoffShift = 4;

    /// <summary>Window profiles held per monitor while the store fails, before the oldest are dropped.</summary>
    internal const int MaxPendingWindowProfiles = 1_000;

    public ModelWatchEngine(
        IOptions<ModelWatchOptions> options,
        IOptionsMonitor<ModelOptions> modelOptions,
        IEnumerable<ModelRegistration> registrations,
        IEnumerable<IDriftAlertHandler> handlers,
        IEnumerable<IRetrainingTrigger> triggers,
        TimeProvider time,
        IServiceProvider services,
        ILogger<ModelWatchEngine>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        // Every configuration problem is collected and reported in one exception, whichever
        // part of the host asks for the engine first.
        var errors = new List<string>();
        try
        {
            _options = options.Value;
        }
        catch (OptionsValidationException ex)
        {
            errors.AddRange(ex.Failures);
            _options = new ModelWatchOptions();
        }

        _time = time;
        _services = services;
        _logger = logger ?? NullLogger<ModelWatchEngine>.Instance;
        _handlers = [.. handlers];
        _triggers = [.. triggers];
        _shardCount = _options.ShardCount > 0 ? _options.ShardCount : Math.Min(64, Environment.ProcessorCount);
        _replicaId = _options.ReplicaId ?? Persistence.WindowProfiles.DefaultReplicaId();

        // Window profiles are only worth their cost when something saves them.
        _savesWindowProfiles = services.GetService(typeof(Persistence.IProfileStore)) is not null;
        _metrics = new ModelWatchMetrics(meterFactory, () => (IReadOnlyCollection<ModelMonitor>)_versions.Values);

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
        }

        if (errors.Count > 0)
        {
            _metrics.Dispose();
            throw new OptionsValidationException(Options.DefaultName, typeof(ModelWatchOptions), errors.Distinct());
        }

        try
        {
            foreach (var definition in definitions)
            {
                Register(definition);
            }
        }
        catch
        {
            // The container never sees an engine whose constructor threw: release its meter here.
            _metrics.Dispose();
            throw;
        }
    }

    public IReadOnlyList<ModelInfo> Models =>
        [.. _versions.Values
            .OrderBy(m => m.ModelName, StringComparer.Ordinal).ThenBy(m => m.ModelVersion, StringComparer.Ordinal)
            .Select(m => new ModelInfo(m.ModelName, m.ModelVersion, IsCurrent(m), m.Layout.HasReference))];

    internal IReadOnlyCollection<ModelMonitor> Monitors => (IReadOnlyCollection<ModelMonitor>)_versions.Values;

    internal ModelWatchMetrics Metrics => _metrics;

    public event EventHandler<DriftReportEventArgs>? ReportPublished;

    public IModelMonitor GetMonitor(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        return _current.TryGetValue(modelName, out var monitor)
            ? monitor
            : throw new KeyNotFoundException($"No model named '{modelName}' is monitored; declare it with AddModel(\"{modelName}\", ...).");
    }

    public IModelMonitor GetMonitor(string modelName, string version)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(version);
        return _versions.TryGetValue((modelName, version), out var monitor)
            ? monitor
            : throw new KeyNotFoundException($"Model '{modelName}' has no monitored version '{version}'.");
    }

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

        return Register(ModelDefinition.Create(modelName, options));
    }

    public DriftReport? GetLatestReport(string modelName) => CurrentOf(modelName).State.LatestReport;

    public IReadOnlyList<DriftReport> GetHistory(string modelName) => CurrentOf(modelName).State.History;

    public bool IsAlertActive(string modelName) => CurrentOf(modelName).State.Alert.Active;

    public QualityReport? GetLatestQualityReport(string modelName) => CurrentOf(modelName).Quality?.LatestArrival;

    public IReadOnlyList<QualityReport> GetQualityHistory(string modelName, QualityWindowBasis basis)
    {
        var quality = CurrentOf(modelName).Quality;
        return quality is null ? [] : basis == QualityWindowBasis.PredictionTime ? quality.PredictionHistory : quality.ArrivalHistory;
    }

    public bool IsQualityAlertActive(string modelName) => CurrentOf(modelName).Quality?.Alert.Active ?? false;

    public OutcomeCounts GetOutcomeCounts(string modelName) => CurrentOf(modelName).Outcomes?.Counts() ?? new OutcomeCounts();

    public event EventHandler<QualityReportEventArgs>? QualityReportPublished;

    public async Task<IReadOnlyList<DriftReport>> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        await _evaluationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var reports = new List<DriftReport>();
            foreach (var monitor in _versions.Values)
            {
                cancellationToken.ThrowIfCancellationRequested();
                List<DriftReport> made;
                List<DriftAlert> alerts;
                List<QualityReport> quality = [];
                List<QualityAlert> qualityAlerts = [];
                try
                {
                    (made, alerts) = EvaluateMonitor(monitor, quality, qualityAlerts);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.EvaluationFailed(_logger, ex, monitor.ModelName, monitor.ModelVersion);
                    _metrics.EvaluationErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ModelName, monitor.ModelName));
                    continue;
                }

                foreach (var report in made)
                {
                    Publish(report);
                }

                foreach (var report in quality)
                {
                    PublishQuality(report);
                }

                reports.AddRange(made);
                foreach (var alert in alerts)
                {
                    await DispatchAlertAsync(monitor, alert, cancellationToken).ConfigureAwait(false);
                }

                foreach (var alert in qualityAlerts)
                {
                    await DispatchQualityAlertAsync(monitor, alert, cancellationToken).ConfigureAwait(false);
                }
            }

            return reports;
        }
        finally
        {
            _evaluationGate.Release();
        }
    }

    public async IAsyncEnumerable<DriftReport> WatchReportsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<DriftReport>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_subscribers)
        {
            _subscribers.Add(channel);
        }

        try
        {
            await foreach (var report in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return report;
            }
        }
        finally
        {
            lock (_subscribers)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    private int _disposed;

    public void Dispose()
    {
        // Registered as itself and as IModelWatch: the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _stopping.Dispose();
        _metrics.Dispose();
        _evaluationGate.Dispose();
    }

    private ModelMonitor CurrentOf(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        return _current.TryGetValue(modelName, out var handle)
            ? handle.Current
            : throw new KeyNotFoundException($"No model named '{modelName}' is monitored.");
    }

    private bool IsCurrent(ModelMonitor monitor) =>
        _current.TryGetValue(monitor.ModelName, out var handle) && ReferenceEquals(handle.Current, monitor);

    private ModelMonitor Register(ModelDefinition definition)
    {
        ReferenceProfile? reference = definition.Reference;
        if (reference is null && definition.ReferenceFactory is not null)
        {
            try
            {
                reference = definition.ReferenceFactory(_services);
            }
            catch (Exception ex) when (!definition.Strict)
            {
                // A missing or damaged reference must not take the host down: the model reports
                // data quality until a reference exists.
                Log.ReferenceFactoryFailed(_logger, ex, definition.Name, definition.Version, ex.Message);
            }
        }

        if (reference?.Mismatch(definition.Schema) is { } mismatch)
        {
            throw new OptionsValidationException(definition.Name, typeof(ModelOptions), [$"Model '{definition.Name}': {mismatch}"]);
        }

        var metrics = new MonitorMetrics(_metrics.Duration, definition.Name, definition.Version);
        var monitor = new ModelMonitor(definition, _time, _shardCount, reference, metrics);
        lock (_registryLock)
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

    /// <summary>
    /// Collects one monitor, builds its production reference when due, and reports every window
    /// closed since the last evaluation (oldest first) and the current window.
    /// </summary>
    private (List<DriftReport> Reports, List<DriftAlert> Alerts) EvaluateMonitor(ModelMonitor monitor, List<QualityReport> quality, List<QualityAlert> qualityAlerts)
    {
        var reports = new List<DriftReport>();
        var alerts = new List<DriftAlert>();
        var definition = monitor.Definition;
        var state = monitor.State;
        var now = _time.GetUtcNow();
        lock (monitor.CollectLock)
        {
            // The watermark is read before the shards are harvested: every live event logged after
            // this point reads a clock at least as late, so no window closed here can still grow.
            long watermark = monitor.Watermark();
            monitor.CollectLocked();
            if (monitor.Quality is { } tracker)
            {
                // Outcomes are scored whether or not the inputs have a reference yet.
                monitor.Outcomes!.Harvest(tracker, now.UtcTicks);
                var (made, raised) = tracker.Evaluate(watermark, monitor.Clock, now);
                quality.AddRange(made);
                qualityAlerts.AddRange(raised);
            }

            if (!monitor.Layout.HasReference)
            {
                TryBuildProductionReference(monitor, watermark);
                if (!monitor.Layout.HasReference)
                {
                    var pending = WindowEvaluator.WithoutReference(definition, monitor.PreReference, monitor.PreReference?.Epoch ?? watermark, watermark, complete: false, monitor.Clock, now);
                    state.LatestReport = pending;
                    reports.Add(pending);
                    return (reports, alerts);
                }
            }

            int span = definition.SubWindowsPerWindow;
            var epochs = monitor.CollectedEpochs;

            // Every window end e (e < watermark) whose window [e − span + 1, e] holds data.
            var ends = new SortedSet<long>();
            foreach (long s in epochs.Keys)
            {
                for (long e = s; e < s + span && e < watermark; e++)
                {
                    if (e > state.ReportedThrough)
                    {
                        ends.Add(e);
                    }
                }
            }

            foreach (long end in ends)
            {
                var window = Merge(monitor, end - span + 1, end);
                var report = WindowEvaluator.Evaluate(definition, window, end - span + 1, end, complete: true, monitor.Clock, now);
                if (_savesWindowProfiles && monitor.Layout.KeepProfiles)
                {
                    QueueWindowProfile(monitor, window, end - span + 1, end, now);
                }

                state.AddClosed(report);
                state.ReportedThrough = end;
                state.LatestReport = report;
                reports.Add(report);
                if (TrackAlert(monitor, report, now) is { } alert)
                {
                    alerts.Add(alert);
                }
            }

            var current = Merge(monitor, watermark - span + 1, watermark);
            if (current.Events > 0 || state.LatestReport is null)
            {
                var report = WindowEvaluator.Evaluate(definition, current, watermark - span + 1, watermark, complete: false, monitor.Clock, now);
                state.LatestReport = report;
                reports.Add(report);
            }

            monitor.Forget(watermark - span + 1);
        }

        return (reports, alerts);
    }

    /// <summary>Queues a closed window's profile for the next snapshot (the caller holds the collect lock).</summary>
    private void QueueWindowProfile(ModelMonitor monitor, WindowAccumulator window, long first, long last, DateTimeOffset now)
    {
        var clock = monitor.Clock;
        DateTimeOffset? start = clock?.StartOf(first);
        var profile = Persistence.WindowProfiles.ToProfile(window, monitor.Definition, start, clock?.StartOf(last + 1), now);
        var pending = monitor.State.PendingWindowProfiles;
        pending.Add((Persistence.WindowProfiles.EntryName(start, last, _replicaId), profile));
        if (pending.Count > MaxPendingWindowProfiles)
        {
            int dropped = pending.Count - MaxPendingWindowProfiles;
            pending.RemoveRange(0, dropped);
            Log.WindowProfilesDropped(_logger, monitor.ModelName, monitor.ModelVersion, dropped, MaxPendingWindowProfiles);
            _metrics.StoreErrors.Add(dropped, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, "dropped"));
        }
    }

    /// <summary>
    /// Saves the queued window profiles of a monitor, oldest first, then prunes this replica's old
    /// ones. A failed write leaves it and the rest queued for the next interval.
    /// </summary>
    private async Task SaveWindowProfilesAsync(Persistence.IProfileStore store, ModelMonitor monitor, CancellationToken cancellationToken)
    {
        List<(string Entry, Profiles.Profile Profile)> queued;
        lock (monitor.CollectLock)
        {
            queued = [.. monitor.State.PendingWindowProfiles];
        }

        if (queued.Count == 0)
        {
            return;
        }

        int saved = 0;
        foreach (var (entry, profile) in queued)
        {
            try
            {
                await WriteEntryAsync(store, monitor, entry, stream => Profiles.ProfileFile.Write(profile, stream), cancellationToken).ConfigureAwait(false);
                saved++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.WindowProfileFailed(_logger, ex, monitor.ModelName, monitor.ModelVersion, store.Describe(monitor.ModelName, monitor.ModelVersion, entry));
                _metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, ex.GetType().Name));
                break;
            }
        }

        lock (monitor.CollectLock)
        {
            // Only this method removes entries and it runs on one thread; new ones were appended.
            var pending = monitor.State.PendingWindowProfiles;
            int done = 0;
            while (done < saved && done < pending.Count && ReferenceEquals(pending[done].Profile, queued[done].Profile))
            {
                done++;
            }

            pending.RemoveRange(0, done);
        }

        if (saved == 0)
        {
            return;
        }

        try
        {
            await Persistence.WindowProfiles.PruneAsync(
                store, monitor.ModelName, monitor.ModelVersion, _replicaId, _options.WindowProfileRetention, _options.WindowProfileMaxAge, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.WindowProfilePruneFailed(_logger, ex, monitor.ModelName, monitor.ModelVersion);
            _metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, ex.GetType().Name));
        }
    }

    /// <summary>Writes one entry of a monitor through the store (content serialized synchronously into the store's stream).</summary>
    private static Task WriteEntryAsync(Persistence.IProfileStore store, ModelMonitor monitor, string entry, Action<Stream> write, CancellationToken cancellationToken) =>
        store.WriteAsync(
            monitor.ModelName,
            monitor.ModelVersion,
            entry,
            (stream, _) =>
            {
                write(stream);
                return Task.CompletedTask;
            },
            cancellationToken);

    private static WindowAccumulator Merge(ModelMonitor monitor, long first, long last)
    {
        var window = new WindowAccumulator(monitor.Layout) { Epoch = last };
        foreach (var (epoch, accumulator) in monitor.CollectedEpochs)
        {
            if (epoch >= first && epoch <= last)
            {
                window.Merge(accumulator);
            }
        }

        return window;
    }

    private void TryBuildProductionReference(ModelMonitor monitor, long watermark)
    {
        var definition = monitor.Definition;
        var gathered = monitor.PreReference;
        if (gathered is null || gathered.Events == 0 || definition.ReferenceSource == ReferenceSource.Supplied)
        {
            return;
        }

        bool due = definition.ReferenceSource switch
        {
            ReferenceSource.FirstPredictions => gathered.Events >= definition.ReferenceSize,
            ReferenceSource.FirstPeriod => monitor.Clock is { } clock
                ? clock.StartOf(watermark) - clock.StartOf(monitor.FirstGatheredEpoch) >= definition.ReferencePeriod
                : gathered.Events >= definition.ReferenceSize,
            _ => false,
        };
        if (!due)
        {
            return;
        }

        try
        {
            var reference = ReferenceProfileBuilder.FromWindow(gathered, definition.Bins, definition.PsiBins);
            monitor.InstallReference(reference);
            Log.ReferenceLoaded(_logger, definition.Name, definition.Version, reference.RowCount, definition.ReferenceSource.ToString());
        }
        catch (InvalidOperationException ex)
        {
            Log.ProductionReferenceNotReady(_logger, definition.Name, definition.Version, ex.Message);
        }
    }

    /// <summary>Alert hygiene: raise after N drifted windows in a row (outside the cool-down), clear after M clean ones.</summary>
    private DriftAlert? TrackAlert(ModelMonitor monitor, DriftReport report, DateTimeOffset now)
    {
        var definition = monitor.Definition;
        var state = monitor.State;
        if (report.Status != DriftReportStatus.Evaluated)
        {
            return null;
        }

        // Event time for replays, wall time for count windows.
        var at = report.WindowEnd ?? now;
        var kind = state.Alert.Observe(report.IsDrift, raiseNow: false, at, definition.RaiseAfter, definition.ClearAfter, definition.Cooldown);
        if (kind is null)
        {
            return null;
        }

        var drifted = report.Features.Where(f => f.IsDrift && !f.IsPrediction).Select(f => f.Name).ToImmutableArray();
        if (kind == DriftAlertKind.Raised)
        {
            Log.AlertRaised(_logger, monitor.ModelName, monitor.ModelVersion, drifted.Length, report.Dataset?.FeatureCount ?? 0, string.Join(", ", drifted));
            _metrics.Alerts.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ModelName, monitor.ModelName), new KeyValuePair<string, object?>(ModelWatchInstruments.ModelVersion, monitor.ModelVersion));
        }
        else
        {
            Log.AlertCleared(_logger, monitor.ModelName, monitor.ModelVersion);
        }

        return new DriftAlert
        {
            ModelName = monitor.ModelName,
            ModelVersion = monitor.ModelVersion,
            Kind = kind.Value,
            Report = report,
            DriftedFeatures = drifted,
            At = at,
        };
    }

    private async Task DispatchAlertAsync(ModelMonitor monitor, DriftAlert alert, CancellationToken cancellationToken)
    {
        // Every handler runs at once, each with its own timeout; a failure is logged and counted.
        var calls = new Task[_handlers.Length];
        for (int i = 0; i < _handlers.Length; i++)
        {
            var handler = _handlers[i];
            calls[i] = RunIsolatedAsync(handler.GetType().Name, monitor.ModelName, ct => handler.OnAlertAsync(alert, ct), cancellationToken);
        }

        await Task.WhenAll(calls).ConfigureAwait(false);

        if (alert.Kind == DriftAlertKind.Raised && monitor.Definition.TriggerRetraining && _triggers.Length > 0)
        {
            StartRetraining(monitor, alert.Report, "sustained input drift");
        }
    }

    private async Task DispatchQualityAlertAsync(ModelMonitor monitor, QualityAlert alert, CancellationToken cancellationToken)
    {
        if (alert.Kind == DriftAlertKind.Raised)
        {
            Log.QualityAlertRaised(_logger, monitor.ModelName, monitor.ModelVersion, string.Join("; ", alert.Reasons));
            _metrics.QualityAlerts.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ModelName, monitor.ModelName), new KeyValuePair<string, object?>(ModelWatchInstruments.ModelVersion, monitor.ModelVersion));
        }
        else
        {
            Log.QualityAlertCleared(_logger, monitor.ModelName, monitor.ModelVersion);
        }

        var calls = new Task[_handlers.Length];
        for (int i = 0; i < _handlers.Length; i++)
        {
            var handler = _handlers[i];
            calls[i] = RunIsolatedAsync(handler.GetType().Name, monitor.ModelName, ct => handler.OnQualityAlertAsync(alert, ct), cancellationToken);
        }

        await Task.WhenAll(calls).ConfigureAwait(false);

        if (alert.Kind == DriftAlertKind.Raised && monitor.Definition.TriggerRetraining && _triggers.Length > 0 && monitor.State.LatestReport is { } latest)
        {
            StartRetraining(monitor, latest, "model quality degraded: " + string.Join("; ", alert.Reasons), alert.Report);
        }
    }

    private void StartRetraining(ModelMonitor monitor, DriftReport report, string reason, QualityReport? quality = null)
    {
        var state = monitor.State;
        if (state.RetrainingInFlight is { IsCompleted: false })
        {
            Log.RetrainingSkipped(_logger, monitor.ModelName, monitor.ModelVersion);
            return;
        }

        var request = new RetrainingRequest
        {
            ModelName = monitor.ModelName,
            ModelVersion = monitor.ModelVersion,
            Reason = reason,
            Report = report,
            Quality = quality,
            At = _time.GetUtcNow(),
        };
        Log.RetrainingRequested(_logger, monitor.ModelName, monitor.ModelVersion, reason);
        var calls = _triggers.Select(t => RunIsolatedAsync(t.GetType().Name, monitor.ModelName, ct => t.OnRetrainingNeededAsync(request, ct), _stopping.Token));
        state.RetrainingInFlight = Task.WhenAll(calls);
    }

    /// <summary>Runs a handler with the configured timeout; never throws (except for the caller's own cancellation).</summary>
    private async Task RunIsolatedAsync(string name, string model, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.HandlerTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            // The handler always starts (on the thread pool, so a synchronous hang cannot block the
            // evaluator); WaitAsync abandons one that outlives its timeout or ignores its token.
            await Task.Run(() => call(linked.Token), CancellationToken.None).WaitAsync(_options.HandlerTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && timeout.IsCancellationRequested))
        {
            Log.HandlerTimedOut(_logger, name, _options.HandlerTimeout, model);
            _metrics.HandlerErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, "timeout"));
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(_logger, ex, name, model);
            _metrics.HandlerErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, ex.GetType().Name));
        }
    }

    /// <summary>The two entries a monitor's snapshots alternate between.</summary>
    internal static readonly string[] SnapshotEntries = ["snapshot-a.json", "snapshot-b.json"];

    /// <summary>
    /// Restores every monitor from its newest readable snapshot. A damaged entry is logged with
    /// where it lives and skipped (the other entry holds the previous snapshot); a model with no
    /// readable snapshot starts empty. Strict models stop the host instead.
    /// </summary>
    internal async Task RestoreAsync(Persistence.IProfileStore store, CancellationToken cancellationToken)
    {
        foreach (var monitor in _versions.Values)
        {
            Persistence.MonitorSnapshot? newest = null;
            string? newestSource = null;
            for (int slot = 0; slot < SnapshotEntries.Length; slot++)
            {
                string source = store.Describe(monitor.ModelName, monitor.ModelVersion, SnapshotEntries[slot]);
                try
                {
                    var stream = await store.OpenReadAsync(monitor.ModelName, monitor.ModelVersion, SnapshotEntries[slot], cancellationToken).ConfigureAwait(false);
                    if (stream is null)
                    {
                        continue;
                    }

                    await using (stream.ConfigureAwait(false))
                    {
                        var snapshot = await Persistence.MonitorSnapshots.ReadAsync(stream, source, cancellationToken).ConfigureAwait(false);
                        if (newest is null || snapshot.SavedAt > newest.SavedAt)
                        {
                            (newest, newestSource) = (snapshot, source);
                            monitor.State.NextSnapshotSlot = 1 - slot;
                        }
                    }
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException && !monitor.Definition.Strict)
                {
                    Log.SnapshotUnreadable(_logger, ex, monitor.ModelName, monitor.ModelVersion, source, ex.Message);
                    _metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, "unreadable"));
                }
            }

            if (newest is null)
            {
                continue;
            }

            try
            {
                string? note;
                lock (monitor.CollectLock)
                {
                    note = Persistence.MonitorSnapshots.Restore(monitor, newest, newestSource!);
                }

                if (note is null)
                {
                    Log.SnapshotRestored(_logger, monitor.ModelName, monitor.ModelVersion, newestSource!, newest.Windows?.Count ?? 0, newest.Totals?.Events ?? 0);
                }
                else
                {
                    Log.SnapshotRestoredInPart(_logger, monitor.ModelName, monitor.ModelVersion, newestSource!, note);
                }
            }
            catch (InvalidDataException ex) when (!monitor.Definition.Strict)
            {
                Log.SnapshotUnreadable(_logger, ex, monitor.ModelName, monitor.ModelVersion, newestSource!, ex.Message);
                _metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, "unreadable"));
            }
        }
    }

    /// <summary>
    /// Saves every monitor's state. Each monitor is captured under its collect lock (logging never
    /// waits) and written outside it, into the entry that does not hold the last good snapshot.
    /// </summary>
    /// <remarks>
    /// A monitor whose saves keep failing backs off: after n failures in a row the next attempt
    /// waits 2^(n−1) intervals (at most 16), so a full or read-only
    /// disk is not hammered every interval; the final save at shutdown always tries.
    /// </remarks>
    internal async Task SnapshotAsync(Persistence.IProfileStore store, CancellationToken cancellationToken, bool final = false)
    {
        foreach (var monitor in _versions.Values)
        {
            var state = monitor.State;
            if (!final && state.SnapshotRetryAt > _time.GetUtcNow())
            {
                continue;
            }

            Persistence.MonitorSnapshot snapshot;
            lock (monitor.CollectLock)
            {
                monitor.CollectLocked();
                snapshot = Persistence.MonitorSnapshots.Capture(monitor, _time.GetUtcNow());
            }

            int slot = monitor.State.NextSnapshotSlot;
            string entry = SnapshotEntries[slot];
            try
            {
                await WriteEntryAsync(store, monitor, entry, stream => Persistence.MonitorSnapshots.Write(snapshot, stream), cancellationToken).ConfigureAwait(false);
                state.NextSnapshotSlot = 1 - slot;
                state.SnapshotFailures = 0;
                state.SnapshotRetryAt = DateTimeOffset.MinValue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.SnapshotFailed(_logger, ex, monitor.ModelName, monitor.ModelVersion, store.Describe(monitor.ModelName, monitor.ModelVersion, entry));
                _metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, ex.GetType().Name));
                state.SnapshotFailures++;
                int backoff = 1 << Math.Min(state.SnapshotFailures - 1, MaxSnapshotBackoffShift);

                // Half an interval early, so the tick that is due is not missed by timer jitter.
                state.SnapshotRetryAt = _time.GetUtcNow() + (_options.SnapshotInterval * (backoff - 0.5));
                continue;
            }

            await SaveWindowProfilesAsync(store, monitor, cancellationToken).ConfigureAwait(false);
        }
    }

    private void PublishQuality(QualityReport report)
    {
        try
        {
            QualityReportPublished?.Invoke(this, new QualityReportEventArgs(report));
        }
        catch (Exception ex)
        {
            Log.SubscriberFailed(_logger, ex, report.ModelName);
        }
    }

    private void Publish(DriftReport report)
    {
        try
        {
            ReportPublished?.Invoke(this, new DriftReportEventArgs(report));
        }
        catch (Exception ex)
        {
            Log.SubscriberFailed(_logger, ex, report.ModelName);
        }

        lock (_subscribers)
        {
            foreach (var channel in _subscribers)
            {
                channel.Writer.TryWrite(report);
            }
        }
    }
}

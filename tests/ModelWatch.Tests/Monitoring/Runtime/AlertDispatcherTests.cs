using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Runtime;

/// <summary>
/// The dispatcher through its own seam: alerts handed to <see cref="AlertDispatcher.DispatchAsync(ModelMonitor, DriftAlert, CancellationToken)"/>
/// reach every handler in isolation, with a timeout on the fake clock, and start retraining at most once at a time.
/// </summary>
public sealed class AlertDispatcherTests : IDisposable
{
    private static readonly TimeSpan HandlerTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A real-time bound on waits for work that runs on the thread pool; never reached when the test passes.</summary>
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(TestModels.Start);
    private readonly FakeLogger _logger = new();
    private readonly ModelWatchMetrics _metrics = new(factory: null, () => []);

    public void Dispose() => _metrics.Dispose();

    internal sealed class CountingHandler : IDriftAlertHandler
    {
        private int _drift;
        private int _quality;

        public int DriftCalls => Volatile.Read(ref _drift);

        public int QualityCalls => Volatile.Read(ref _quality);

        public DriftAlert? LastDrift { get; private set; }

        public QualityAlert? LastQuality { get; private set; }

        /// <summary>Set on the first call of either kind.</summary>
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken)
        {
            LastDrift = alert;
            Interlocked.Increment(ref _drift);
            Called.TrySetResult();
            return Task.CompletedTask;
        }

        public Task OnQualityAlertAsync(QualityAlert alert, CancellationToken cancellationToken)
        {
            LastQuality = alert;
            Interlocked.Increment(ref _quality);
            Called.TrySetResult();
            return Task.CompletedTask;
        }
    }

    internal sealed class ThrowingHandler : IDriftAlertHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("handler bug");
        }

        public Task OnQualityAlertAsync(QualityAlert alert, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("handler bug");
        }
    }

    /// <summary>Never finishes and ignores its token.</summary>
    internal sealed class HangingHandler : IDriftAlertHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Started.TrySetResult();
            return new TaskCompletionSource().Task;
        }
    }

    /// <summary>Records each request and signals it; stays in flight until <see cref="Release"/>.</summary>
    internal sealed class GatedTrigger : IRetrainingTrigger
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Channel<RetrainingRequest> _calls = Channel.CreateUnbounded<RetrainingRequest>();
        private readonly ConcurrentQueue<RetrainingRequest> _requests = new();

        public IReadOnlyList<RetrainingRequest> Requests => [.. _requests];

        public async Task OnRetrainingNeededAsync(RetrainingRequest request, CancellationToken cancellationToken)
        {
            _requests.Enqueue(request);
            _calls.Writer.TryWrite(request);
            await _gate.Task;
        }

        /// <summary>Waits for the next call (the triggers run on the thread pool).</summary>
        public async Task WaitForCallAsync() => await _calls.Reader.ReadAsync(TestContext.Token);

        public void Release() => _gate.TrySetResult();
    }

    private static ModelMonitor Monitor(TimeProvider time, bool triggerRetraining = true) =>
        Parts.Monitor(Parts.Define(m => m.Numeric("f0", "f1").ReferenceFromFirstPredictions(1_000).Configure(o => o.Alerts.TriggerRetraining = triggerRetraining)), time);

    private AlertDispatcher Dispatcher(IDriftAlertHandler[] handlers, IRetrainingTrigger[]? triggers = null) =>
        new(handlers, triggers ?? [], HandlerTimeout, _time, _logger, _metrics);

    private static DriftReport Report() => new()
    {
        ModelName = "m",
        ModelVersion = "1",
        Status = DriftReportStatus.Evaluated,
        IsComplete = true,
        FirstSubWindow = 1,
        LastSubWindow = 1,
        EvaluatedAt = TestModels.Start,
    };

    private static DriftAlert Drift(DriftAlertKind kind) => new()
    {
        ModelName = "m",
        ModelVersion = "1",
        Kind = kind,
        Report = Report(),
        DriftedFeatures = kind == DriftAlertKind.Raised ? ["f0"] : [],
        At = TestModels.Start,
    };

    private static QualityAlert Quality(DriftAlertKind kind) => new()
    {
        ModelName = "m",
        ModelVersion = "1",
        Kind = kind,
        Report = new QualityReport
        {
            ModelName = "m",
            ModelVersion = "1",
            Basis = QualityWindowBasis.OutcomeArrival,
            IsComplete = true,
            FirstSubWindow = 1,
            LastSubWindow = 1,
            EvaluatedAt = TestModels.Start,
            Metrics = new QualityMetrics { Task = ModelTask.BinaryClassification, Outcomes = 100, Accuracy = 0.5 },
        },
        Reasons = kind == DriftAlertKind.Raised ? ["Accuracy 0.5 below 0.8"] : [],
        At = TestModels.Start,
    };

    [Fact]
    public async Task DispatchAsync_OneHandlerThrows_EveryHandlerCalledOnceFailureCountedAndLogged()
    {
        var monitor = Monitor(_time);
        var throwing = new ThrowingHandler();
        var first = new CountingHandler();
        var last = new CountingHandler();
        using var dispatcher = Dispatcher([first, throwing, last]);
        using var errors = new MetricCollector<long>(_metrics.HandlerErrors);

        await dispatcher.DispatchAsync(monitor, Drift(DriftAlertKind.Raised), CancellationToken.None);

        Assert.Equal((1, 1, 1), (first.DriftCalls, throwing.Calls, last.DriftCalls));
        Assert.Equal((0, 0), (first.QualityCalls, last.QualityCalls));
        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal(1, error.Value);
        Assert.Equal(nameof(InvalidOperationException), error.Tags[ModelWatchInstruments.ErrorType]);
        var failed = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 303);
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.IsType<InvalidOperationException>(failed.Exception);
        Assert.Contains(nameof(ThrowingHandler), failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_OneHandlerHangs_AbandonedAtTheTimeoutCountedAndLogged_TheOthersCalledOnce()
    {
        var monitor = Monitor(_time);
        var throwing = new ThrowingHandler();
        var hanging = new HangingHandler();
        var counting = new CountingHandler();
        using var dispatcher = Dispatcher([throwing, hanging, counting]);
        using var errors = new MetricCollector<long>(_metrics.HandlerErrors);

        var dispatch = dispatcher.DispatchAsync(monitor, Drift(DriftAlertKind.Raised), CancellationToken.None);

        // The handlers run on the thread pool: the clock moves only once each has started (a handler
        // the pool has not reached by its timeout is abandoned before it runs) and the throwing one
        // has been counted (so it cannot be mistaken for a timeout).
        await errors.WaitForMeasurementsAsync(1, Watchdog);
        await hanging.Started.Task.WaitAsync(Watchdog, TestContext.Token);
        await counting.Called.Task.WaitAsync(Watchdog, TestContext.Token);
        Assert.False(dispatch.IsCompleted); // waiting for the hanging handler

        _time.Advance(HandlerTimeout);
        await dispatch.WaitAsync(Watchdog, TestContext.Token);

        Assert.Equal((1, 1, 1), (throwing.Calls, hanging.Calls, counting.DriftCalls));
        var types = errors.GetMeasurementSnapshot().Select(m => (string?)m.Tags[ModelWatchInstruments.ErrorType]).ToList();
        Assert.Equal(nameof(InvalidOperationException), types[0]);
        Assert.Contains("timeout", types);
        var timedOut = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 304 && r.Message.Contains(nameof(HangingHandler), StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, timedOut.Level);
        Assert.Contains(HandlerTimeout.ToString(), timedOut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_AllHandlersSucceed_NothingCountedAsError()
    {
        var monitor = Monitor(_time);
        var handlers = new[] { new CountingHandler(), new CountingHandler() };
        using var dispatcher = Dispatcher(handlers);
        using var errors = new MetricCollector<long>(_metrics.HandlerErrors);
        var alert = Drift(DriftAlertKind.Raised);

        await dispatcher.DispatchAsync(monitor, alert, CancellationToken.None);

        Assert.All(handlers, h => Assert.Same(alert, h.LastDrift));
        Assert.Empty(errors.GetMeasurementSnapshot());
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task DispatchAsync_RaisedAndCleared_BothLoggedOnlyTheRaiseCounted()
    {
        var monitor = Monitor(_time, triggerRetraining: false);
        using var dispatcher = Dispatcher([]);
        using var alerts = new MetricCollector<long>(_metrics.Alerts);

        await dispatcher.DispatchAsync(monitor, Drift(DriftAlertKind.Raised), CancellationToken.None);
        await dispatcher.DispatchAsync(monitor, Drift(DriftAlertKind.Cleared), CancellationToken.None);

        var raised = Assert.Single(alerts.GetMeasurementSnapshot());
        Assert.Equal(1, raised.Value);
        Assert.Equal("m", raised.Tags[ModelWatchInstruments.ModelName]);
        Assert.Equal("1", raised.Tags[ModelWatchInstruments.ModelVersion]);
        var logs = _logger.Collector.GetSnapshot();
        Assert.Equal(LogLevel.Warning, Assert.Single(logs, r => r.Id.Id == 301).Level);
        Assert.Equal(LogLevel.Information, Assert.Single(logs, r => r.Id.Id == 302).Level);
    }

    [Fact]
    public async Task DispatchAsync_RaisedWhileRetrainingInFlight_StartsTheTriggersOnceAndSkipsTheSecond()
    {
        var monitor = Monitor(_time);
        var gated = new GatedTrigger();
        var other = new GatedTrigger();
        using var dispatcher = Dispatcher([new CountingHandler()], [gated, other]);
        var alert = Drift(DriftAlertKind.Raised);

        await dispatcher.DispatchAsync(monitor, alert, CancellationToken.None);
        await gated.WaitForCallAsync();
        await other.WaitForCallAsync();
        var inFlight = monitor.State.RetrainingInFlight;
        Assert.NotNull(inFlight);
        Assert.False(inFlight.IsCompleted);

        await dispatcher.DispatchAsync(monitor, Drift(DriftAlertKind.Raised), CancellationToken.None);

        Assert.Same(inFlight, monitor.State.RetrainingInFlight);
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == 306); // skipped, and said so
        var request = Assert.Single(gated.Requests);
        Assert.Single(other.Requests);
        Assert.Equal(("m", "1", "sustained input drift"), (request.ModelName, request.ModelVersion, request.Reason));
        Assert.Same(alert.Report, request.Report);
        Assert.Equal(_time.GetUtcNow(), request.At);

        // Once the retraining finishes, the next raise starts it again.
        gated.Release();
        other.Release();
        await inFlight.WaitAsync(Watchdog, TestContext.Token);
        await dispatcher.DispatchAsync(monitor, Drift(DriftAlertKind.Raised), CancellationToken.None);
        await gated.WaitForCallAsync();
        await other.WaitForCallAsync();
        Assert.Equal(2, gated.Requests.Count);
        Assert.Equal(2, other.Requests.Count);
    }

    [Theory]
    [InlineData(DriftAlertKind.Cleared, true)]
    [InlineData(DriftAlertKind.Raised, false)]
    public async Task DispatchAsync_ClearedOrRetrainingOff_NeverStartsRetraining(DriftAlertKind kind, bool triggerRetraining)
    {
        var monitor = Monitor(_time, triggerRetraining);
        var trigger = new GatedTrigger();
        var handler = new CountingHandler();
        using var dispatcher = Dispatcher([handler], [trigger]);

        await dispatcher.DispatchAsync(monitor, Drift(kind), CancellationToken.None);
        await dispatcher.DispatchAsync(monitor, Quality(kind), CancellationToken.None);

        Assert.Equal((1, 1), (handler.DriftCalls, handler.QualityCalls));
        Assert.Null(monitor.State.RetrainingInFlight); // started synchronously when it starts at all
        Assert.Empty(trigger.Requests);
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), r => r.Id.Id == 305);
    }

    [Fact]
    public async Task DispatchAsync_QualityAlert_ReachesOnQualityAlertAsyncOnly()
    {
        var monitor = Monitor(_time, triggerRetraining: false);
        var handlers = new[] { new CountingHandler(), new CountingHandler() };
        var throwing = new ThrowingHandler();
        using var dispatcher = Dispatcher([handlers[0], throwing, handlers[1]]);
        using var counted = new MetricCollector<long>(_metrics.QualityAlerts);
        using var errors = new MetricCollector<long>(_metrics.HandlerErrors);
        var raised = Quality(DriftAlertKind.Raised);

        await dispatcher.DispatchAsync(monitor, raised, CancellationToken.None);
        await dispatcher.DispatchAsync(monitor, Quality(DriftAlertKind.Cleared), CancellationToken.None);

        Assert.All(handlers, h => Assert.Equal((0, 2), (h.DriftCalls, h.QualityCalls)));
        Assert.Equal(2, throwing.Calls);
        Assert.Equal(2, errors.GetMeasurementSnapshot().Sum(m => m.Value)); // the throwing handler, isolated each time
        Assert.Equal(DriftAlertKind.Cleared, handlers[0].LastQuality!.Kind);
        Assert.Equal(1, Assert.Single(counted.GetMeasurementSnapshot()).Value); // the raise only
        var logs = _logger.Collector.GetSnapshot();
        Assert.Contains("Accuracy 0.5 below 0.8", Assert.Single(logs, r => r.Id.Id == 307).Message, StringComparison.Ordinal);
        Assert.Single(logs, r => r.Id.Id == 308);
    }

    [Fact]
    public async Task DispatchAsync_RaisedQualityAlert_StartsRetrainingWithBothReportsOnceTheModelHasADriftReport()
    {
        var monitor = Monitor(_time);
        var trigger = new GatedTrigger();
        using var dispatcher = Dispatcher([], [trigger]);
        var alert = Quality(DriftAlertKind.Raised);

        // Never evaluated: no drift report to send with the request, so nothing starts.
        await dispatcher.DispatchAsync(monitor, alert, CancellationToken.None);
        Assert.Null(monitor.State.RetrainingInFlight);

        var latest = Report();
        monitor.State.LatestReport = latest;
        await dispatcher.DispatchAsync(monitor, alert, CancellationToken.None);
        await trigger.WaitForCallAsync();

        var request = Assert.Single(trigger.Requests);
        Assert.Same(latest, request.Report);
        Assert.Same(alert.Report, request.Quality);
        Assert.StartsWith("model quality degraded: Accuracy 0.5 below 0.8", request.Reason, StringComparison.Ordinal);
        trigger.Release();
    }

    [Fact]
    public async Task DispatchAsync_CallerCancelsWhileAHandlerHangs_ThrowsOperationCanceledAndCountsNothing()
    {
        var monitor = Monitor(_time);
        var hanging = new HangingHandler();
        var trigger = new GatedTrigger();
        using var dispatcher = Dispatcher([hanging, new CountingHandler()], [trigger]);
        using var errors = new MetricCollector<long>(_metrics.HandlerErrors);
        using var cancellation = new CancellationTokenSource();

        var dispatch = dispatcher.DispatchAsync(monitor, Drift(DriftAlertKind.Raised), cancellation.Token);
        await hanging.Started.Task.WaitAsync(Watchdog, TestContext.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatch.WaitAsync(Watchdog, TestContext.Token));
        Assert.Empty(errors.GetMeasurementSnapshot());
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), r => r.Id.Id is 303 or 304);
        Assert.Null(monitor.State.RetrainingInFlight); // a cancelled dispatch starts no retraining
    }

    [Fact]
    public async Task DispatchAsync_AlreadyCancelledWhileAHandlerRuns_ThrowsOperationCanceled()
    {
        // A handler that has already finished is not undone by the caller's cancellation; one that is still running is abandoned.
        var monitor = Monitor(_time);
        using var dispatcher = Dispatcher([new HangingHandler()]);
        using var errors = new MetricCollector<long>(_metrics.HandlerErrors);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => dispatcher.DispatchAsync(monitor, Drift(DriftAlertKind.Raised), new CancellationToken(canceled: true)).WaitAsync(Watchdog, TestContext.Token));
        Assert.Empty(errors.GetMeasurementSnapshot());
    }
}

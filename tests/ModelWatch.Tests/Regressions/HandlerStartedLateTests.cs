using Microsoft.Extensions.Logging.Abstractions;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Regressions;

/// <summary>
/// An alert handler or retraining trigger that the thread pool starts only after its timeout has
/// passed must still be called. It was not: the timeout's token sources were disposed when the
/// wait gave up, and the late-starting call read the disposed source's token and threw before the
/// handler ran (seen as retraining triggers never called while the clock moved on under load).
/// </summary>
public sealed class HandlerStartedLateTests
{
    [Fact]
    public async Task DispatchAsync_HandlerStartedAfterItsTimeout_IsStillCalled()
    {
        var options = new ModelOptions();
        new ModelBuilder("m", options).Numeric("f0").ReferenceFromFirstPredictions(100);
        var monitor = new ModelMonitor(ModelDefinition.Create("m", options), TimeProvider.System, 1, reference: null);
        using var metrics = new ModelWatchMetrics(null, () => [monitor]);
        var handler = new SignallingHandler();

        // A zero timeout gives up before the pool can start the handler, every time.
        using var dispatcher = new AlertDispatcher([handler], [], TimeSpan.Zero, TimeProvider.System, NullLogger.Instance, metrics);
        var alert = new DriftAlert
        {
            ModelName = "m",
            ModelVersion = "1",
            Kind = DriftAlertKind.Cleared,
            Report = new DriftReport
            {
                ModelName = "m",
                ModelVersion = "1",
                Status = DriftReportStatus.Evaluated,
                IsComplete = true,
                FirstSubWindow = 0,
                LastSubWindow = 0,
                EvaluatedAt = DateTimeOffset.UnixEpoch,
            },
            DriftedFeatures = [],
            At = DateTimeOffset.UnixEpoch,
        };

        for (int i = 0; i < 20; i++)
        {
            var called = handler.Expect();
            await dispatcher.DispatchAsync(monitor, alert, CancellationToken.None);
            await called.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private sealed class SignallingHandler : IDriftAlertHandler
    {
        private TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Expect()
        {
            _called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _called.Task;
        }

        public Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken)
        {
            _called.TrySetResult();
            return Task.CompletedTask;
        }

        public Task OnQualityAlertAsync(QualityAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

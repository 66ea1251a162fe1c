using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Tests.Robustness;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// Report subscribers are user code and run like alert handlers: isolated, on the thread pool, and
/// abandoned after <see cref="ModelWatchOptions.HandlerTimeout"/> on the injected clock, so one that
/// blocks never stalls evaluation. The fake clock moves the timeout on; a real-time watchdog only
/// bounds a failure.
/// </summary>
public sealed class SubscriberTests
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HandlerTimeout = TimeSpan.FromSeconds(10);
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 2_000);

    public static TheoryData<string> Events => ["ReportPublished", "QualityReportPublished"];

    private static (ServiceProvider Services, IModelWatch Watch, FakeTimeProvider Time, FakeLogger Logger) Create(Action<ModelBuilder>? window = null)
    {
        var logger = new FakeLogger<ModelWatchEngine>();
        var (services, watch, time) = TestModels.Create(
            m =>
            {
                m.Numeric("f0", "f1").Reference(Reference).BinaryClassification();
                window?.Invoke(m);
            },
            o => o.HandlerTimeout = HandlerTimeout,
            b => b.AddMetricsForTests().Services.AddSingleton<ILogger<ModelWatchEngine>>(logger));
        return (services, watch, time, logger);
    }

    private static MetricCollector<long> HandlerErrors(IServiceProvider services) =>
        new(services.GetRequiredService<IMeterFactory>(), ModelWatchMeter.Name, ModelWatchInstruments.HandlerErrors);

    private static long Counted(MetricCollector<long> errors, string errorType) =>
        errors.GetMeasurementSnapshot().Where(m => (string?)m.Tags[ModelWatchInstruments.ErrorType] == errorType).Sum(m => m.Value);

    private static void Subscribe(IModelWatch watch, string name, Action handler)
    {
        if (name == "ReportPublished")
        {
            watch.ReportPublished += (_, _) => handler();
        }
        else
        {
            watch.QualityReportPublished += (_, _) => handler();
        }
    }

    /// <summary>Lets fake time pass until <paramref name="task"/> ends (or the real-time watchdog fails the test).</summary>
    private static async Task<T> AdvanceUntil<T>(Task<T> task, FakeTimeProvider time)
    {
        using var watchdog = new CancellationTokenSource(Watchdog);
        while (!task.IsCompleted)
        {
            watchdog.Token.ThrowIfCancellationRequested();
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, CancellationToken.None);
        }

        return await task;
    }

    private static void LogWithOutcome(IModelWatch watch, string id)
    {
        var monitor = watch.GetMonitor("m");
        monitor.Log([0.1, 0.2], [], 0.9, id);
        monitor.RecordOutcome(id, 1);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public async Task BlockingSubscriber_IsAbandonedAfterTheHandlerTimeout_AndEvaluationGoesOn(string name)
    {
        var (services, watch, time, logger) = Create();
        using var _ = services;
        using var errors = HandlerErrors(services);
        using var release = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        Subscribe(watch, name, () =>
        {
            Interlocked.Increment(ref calls);
            entered.TrySetResult();
            release.Wait();
        });
        try
        {
            LogWithOutcome(watch, "a");
            var first = await AdvanceUntil(Task.Run(() => watch.EvaluateAsync()), time);
            Assert.NotEmpty(first);
            Assert.Contains(logger.Collector.GetSnapshot(), r => r.Id.Id == 304);
            Assert.Equal(1, Counted(errors, "timeout"));

            // While it still blocks, evaluation does not wait for it again (no time has to pass),
            // and the event is not raised a second time.
            LogWithOutcome(watch, "b");
            var second = await Task.Run(() => watch.EvaluateAsync()).WaitAsync(Watchdog);
            Assert.NotEmpty(second);
            await entered.Task.WaitAsync(Watchdog);
            Assert.Equal(1, Volatile.Read(ref calls));
            Assert.Contains(logger.Collector.GetSnapshot(), r => r.Id.Id == 204);
            Assert.True(Counted(errors, "dropped") >= 1);
        }
        finally
        {
            release.Set();
        }

        // Once it has returned, it is called again.
        using var watchdog = new CancellationTokenSource(Watchdog);
        for (int i = 0; Volatile.Read(ref calls) < 2; i++)
        {
            watchdog.Token.ThrowIfCancellationRequested();
            LogWithOutcome(watch, "c" + i);
            await AdvanceUntil(Task.Run(() => watch.EvaluateAsync()), time);
        }
    }

    [Fact]
    public async Task ThrowingSubscriber_IsLoggedAndCounted_TheOthersGetEveryReportInOrderBeforeEvaluateAsyncReturns()
    {
        var (services, watch, time, logger) = Create();
        using var _ = services;
        using var errors = HandlerErrors(services);
        var seen = new List<DriftReport>();
        watch.ReportPublished += (_, _) => throw new InvalidOperationException("subscriber bug");
        watch.ReportPublished += (_, e) => seen.Add(e.Report);
        var monitor = watch.GetMonitor("m");
        for (int minute = 0; minute < 3; minute++)
        {
            monitor.Log([0.1, 0.2], 0.3);
            time.Advance(TimeSpan.FromHours(1));
        }

        var reports = await watch.EvaluateAsync();

        Assert.Equal(reports, seen);
        Assert.Equal(3, seen.Count);
        Assert.Equal(3, logger.Collector.GetSnapshot().Count(r => r.Id.Id == 202));
        Assert.Equal(3, Counted(errors, nameof(InvalidOperationException)));
    }

    [Fact]
    public async Task SlowStreamReader_LosesTheOldestBeyondTheBound_AndTheLossIsCounted()
    {
        var (services, watch, _, _) = Create(m => m.WindowByCount(1));
        using var _s = services;
        using var errors = HandlerErrors(services);
        using var cts = new CancellationTokenSource(Watchdog);
        await using var reader = watch.WatchReportsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var first = reader.MoveNextAsync();
        var monitor = watch.GetMonitor("m");
        int windows = ReportPublisher.StreamCapacity + 100;
        for (int i = 0; i < windows; i++)
        {
            monitor.Log([0.1, 0.2], 0.3);
        }

        var reports = await watch.EvaluateAsync(cts.Token);

        // The stream holds the newest 1,024 (the pending read may have taken one before they queued up).
        Assert.True(await first);
        long dropped = reports.Count - ReportPublisher.StreamCapacity;
        Assert.InRange(Counted(errors, "dropped"), dropped - 1, dropped);
    }
}

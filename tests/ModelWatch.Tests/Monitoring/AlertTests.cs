using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

public sealed class AlertTests
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 4);

    internal sealed class RecordingHandler : IDriftAlertHandler
    {
        public ConcurrentQueue<DriftAlert> Alerts { get; } = new();

        public TaskCompletionSource First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken)
        {
            Alerts.Enqueue(alert);
            First.TrySetResult();
            return Task.CompletedTask;
        }
    }

    internal sealed class ThrowingHandler : IDriftAlertHandler
    {
        public Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken) => throw new InvalidOperationException("handler bug");
    }

    internal sealed class HangingHandler : IDriftAlertHandler
    {
        public Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken) => new TaskCompletionSource().Task; // ignores its token
    }

    internal sealed class RecordingTrigger : IRetrainingTrigger
    {
        public ConcurrentQueue<RetrainingRequest> Requests { get; } = new();

        public TaskCompletionSource First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnRetrainingNeededAsync(RetrainingRequest request, CancellationToken cancellationToken)
        {
            Requests.Enqueue(request);
            First.TrySetResult();
            return Task.CompletedTask;
        }
    }

    /// <summary>Logs one minute of data per entry: drifted (all features shifted by 2) or clean.</summary>
    private static async Task<IReadOnlyList<DriftReport>> Replay(IModelWatch watch, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, params bool[] drifted)
    {
        var monitor = watch.GetMonitor("m");
        var rng = new SplitMix64(3);
        var row = new double[4];
        var reports = new List<DriftReport>();
        foreach (bool d in drifted)
        {
            for (int i = 0; i < 400; i++)
            {
                for (int f = 0; f < 4; f++)
                {
                    row[f] = rng.NextNormal() + (d ? 2 : 0);
                }

                monitor.Log(row, rng.NextNormal());
            }

            time.Advance(TimeSpan.FromMinutes(1));
            reports.AddRange(await watch.EvaluateAsync());
        }

        return reports;
    }

    private static (ServiceProvider, IModelWatch, Microsoft.Extensions.Time.Testing.FakeTimeProvider) Create(Action<ModelWatch.DependencyInjection.IModelWatchBuilder> more, int raiseAfter = 2, int clearAfter = 2, TimeSpan? cooldown = null) =>
        TestModels.Create(
            m => m.Numeric(TestModels.FeatureNames(4)).Reference(Reference).Window(TimeSpan.FromMinutes(1)).Configure(o =>
            {
                o.Alerts.RaiseAfterWindows = raiseAfter;
                o.Alerts.ClearAfterWindows = clearAfter;
                o.Alerts.Cooldown = cooldown ?? TimeSpan.Zero;
            }),
            o => o.HandlerTimeout = TimeSpan.FromMilliseconds(200),
            more);

    [Fact]
    public async Task Evaluate_SustainedDrift_RaisesOnceThenClears()
    {
        var (services, watch, time) = Create(b => b.AddAlertHandler<RecordingHandler>());
        using var _ = services;
        var handler = (RecordingHandler)services.GetServices<IDriftAlertHandler>().Single();

        await Replay(watch, time, false, true, false, true, true, true, false, false, false);

        var alerts = handler.Alerts.ToArray();
        Assert.Equal([DriftAlertKind.Raised, DriftAlertKind.Cleared], alerts.Select(a => a.Kind));
        Assert.Equal(TestModels.Start.AddMinutes(5), alerts[0].At);   // the second drifted window in a row ends at minute 5
        Assert.Equal(TestModels.Start.AddMinutes(8), alerts[1].At);   // the second clean one ends at minute 8
        Assert.Equal(["f0", "f1", "f2", "f3"], alerts[0].DriftedFeatures.ToArray());
        Assert.False(watch.IsAlertActive("m"));
    }

    [Fact]
    public async Task Evaluate_RaiseWithinCooldown_IsSuppressed()
    {
        var (services, watch, time) = Create(b => b.AddAlertHandler<RecordingHandler>(), raiseAfter: 1, clearAfter: 1, cooldown: TimeSpan.FromMinutes(10));
        using var _ = services;
        var handler = (RecordingHandler)services.GetServices<IDriftAlertHandler>().Single();

        await Replay(watch, time, true, false, true, false);

        Assert.Equal([DriftAlertKind.Raised, DriftAlertKind.Cleared], handler.Alerts.Select(a => a.Kind));
    }

    [Fact]
    public async Task Evaluate_FailingAndHangingHandlers_OthersStillRunAndEvaluationContinues()
    {
        var (services, watch, time) = Create(b => b.AddAlertHandler<ThrowingHandler>().AddAlertHandler<HangingHandler>().AddAlertHandler<RecordingHandler>(), raiseAfter: 1);
        using var _ = services;
        var recorder = services.GetServices<IDriftAlertHandler>().OfType<RecordingHandler>().Single();

        // The evaluation waits for the hanging handler until HandlerTimeout (200 ms of the fake
        // clock) passes; the other handlers have run by then.
        var evaluation = Replay(watch, time, true);
        await recorder.First.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Token);
        Assert.False(evaluation.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(300));
        var reports = await evaluation.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Token);
        Assert.True(reports.Single(r => r.IsComplete).IsDrift, "the drifted window");
        Assert.True(watch.IsAlertActive("m"), "alert state");
        Assert.Single(recorder.Alerts);
        Assert.True(watch.IsAlertActive("m"));
    }

    [Fact]
    public async Task Evaluate_SustainedDrift_FiresTheRetrainingTriggerWithTheReport()
    {
        var (services, watch, time) = Create(b => b.AddRetrainingTrigger<RecordingTrigger>(), raiseAfter: 2);
        using var _ = services;
        var trigger = (RecordingTrigger)services.GetServices<IRetrainingTrigger>().Single();

        await Replay(watch, time, true, true, true);
        await trigger.First.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Token);

        var request = Assert.Single(trigger.Requests);
        Assert.Equal("m", request.ModelName);
        Assert.True(request.Report.IsDrift);
    }
}

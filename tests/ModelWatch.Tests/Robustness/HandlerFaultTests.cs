using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Robustness;

/// <summary>Alert handlers and retraining triggers that throw are isolated, logged and counted; the others still run.</summary>
public sealed class HandlerFaultTests
{
    internal sealed class ThrowingTrigger : IRetrainingTrigger
    {
        public Task OnRetrainingNeededAsync(RetrainingRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("trigger bug");
    }

    [Fact]
    public async Task ThrowingHandlerAndTrigger_AreCounted_TheOthersRun_EvaluationContinues()
    {
        var reference = TestModels.NormalReference(features: 2, rows: 5_000);
        var (services, watch, time) = TestModels.Create(
            m => m.Numeric("f0", "f1").Reference(reference).Window(TimeSpan.FromMinutes(1)).Configure(o =>
            {
                o.Alerts.RaiseAfterWindows = 1;
                o.Alerts.TriggerRetraining = true;
            }),
            more: b => b.AddMetricsForTests().AddAlertHandler<AlertTests.ThrowingHandler>().AddAlertHandler<AlertTests.RecordingHandler>()
                .AddRetrainingTrigger<ThrowingTrigger>().AddRetrainingTrigger<AlertTests.RecordingTrigger>());
        using var _ = services;
        using var errors = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), ModelWatchMeter.Name, ModelWatchInstruments.HandlerErrors);
        var handler = services.GetServices<IDriftAlertHandler>().OfType<AlertTests.RecordingHandler>().Single();
        var trigger = services.GetServices<IRetrainingTrigger>().OfType<AlertTests.RecordingTrigger>().Single();
        var monitor = watch.GetMonitor("m");
        var rng = new SplitMix64(4);
        for (int i = 0; i < 500; i++)
        {
            monitor.Log([rng.NextNormal() + 3, rng.NextNormal() + 3], rng.NextNormal());
        }

        time.Advance(TimeSpan.FromMinutes(1));
        await watch.EvaluateAsync();
        await handler.First.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Token);
        await trigger.First.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Token);
        await errors.WaitForMeasurementsAsync(2, TimeSpan.FromSeconds(30));

        Assert.Equal(2, errors.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.True(watch.IsAlertActive("m"));

        // The evaluator keeps going.
        monitor.Log([0.1, 0.2], 0.3);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains(await watch.EvaluateAsync(), r => r.IsComplete);
    }
}

/// <summary>Registers the metrics services, so a test can read instruments through its own meter factory.</summary>
internal static class MetricsBuilderExtensions
{
    public static ModelWatch.DependencyInjection.IModelWatchBuilder AddMetricsForTests(this ModelWatch.DependencyInjection.IModelWatchBuilder builder)
    {
        builder.Services.AddMetrics();
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Samples;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Monitoring.Quality;

/// <summary>
/// Real data: a "will it rain" classifier trained on Seattle's 2012 weather, replayed over
/// 2013–2015 in date order with each day's label arriving 7 days late. From spring 2013 the
/// label's recording changes (rainy days are no longer labeled "rain"), which the inputs do not
/// show: only the outcomes can reveal it.
/// </summary>
public sealed class SeattleQualityScenarioTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LabelDelay = TimeSpan.FromDays(7);

    /// <summary>The replay's outcome: every closed arrival window, the quality alerts and the retraining requests.</summary>
    internal sealed record Replay(IReadOnlyList<QualityReport> Windows, IReadOnlyList<QualityAlert> Alerts, IReadOnlyList<RetrainingRequest> Requests, OutcomeCounts Counts);

    internal static async Task<Replay> Run()
    {
        var days = SeattleWeather.Load();
        var training = days.Where(d => d.Date.Year == 2012).ToList();
        var model = LogisticRegression.Train([.. training.Select(d => d.Features)], [.. training.Select(d => d.Weather == "rain" ? 1 : 0)]);

        // The reference: the training inputs and the model's scores on them.
        var reference = new ReferenceProfileBuilder(new ModelSchema(WeatherDay.FeatureNames));
        foreach (var d in training)
        {
            reference.Add(d.Features, model.PredictProbability(d.Features));
        }

        var handler = new QualityAlertTests.QualityRecorder();
        var trigger = new AlertTests.RecordingTrigger();
        var (services, watch, _) = TestModels.Create(
            m => m.Numeric(WeatherDay.FeatureNames)
                .Reference(reference.Build())
                .Window(TimeSpan.FromDays(28))
                .BinaryClassification()
                .Outcomes(capacity: 1_000, timeToLive: TimeSpan.FromDays(30))
                .QualityDropAtMost(QualityMetric.Accuracy, 0.15)
                .Configure(o =>
                {
                    o.Quality.MinimumOutcomes = 20;
                    o.Window.HistoryWindows = 100; // keep all three years
                }),
            more: b =>
            {
                b.Services.AddSingleton<IDriftAlertHandler>(handler);
                b.Services.AddSingleton<IRetrainingTrigger>(trigger);
            });
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        var replay = days.Where(d => d.Date.Year >= 2013).ToList();
        var labels = new Queue<(string Id, int Label, DateTimeOffset Known)>();
        foreach (var d in replay)
        {
            var at = new DateTimeOffset(d.Date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            while (labels.Count > 0 && labels.Peek().Known <= at)
            {
                var (id, label, known) = labels.Dequeue();
                monitor.RecordOutcome(id, label, known);
            }

            string predictionId = d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            monitor.Log(d.Features, [], model.PredictProbability(d.Features), predictionId, at);
            labels.Enqueue((predictionId, d.Weather == "rain" ? 1 : 0, at + LabelDelay));
            if (d.Date.DayOfWeek == DayOfWeek.Sunday)
            {
                await watch.EvaluateAsync();
            }
        }

        await watch.EvaluateAsync();
        for (int i = 0; i < 50 && trigger.Requests.Count < handler.Alerts.Count(a => a.Kind == DriftAlertKind.Raised); i++)
        {
            await Task.Delay(20); // triggers run on the thread pool
        }

        return new Replay(watch.GetQualityHistory("m", QualityWindowBasis.OutcomeArrival), [.. handler.Alerts], [.. trigger.Requests], watch.GetOutcomeCounts("m"));
    }

    [Fact]
    public async Task LabelRecordingChange_RaisesAQualityAlertAndARetrainingRequest_InSpring2013()
    {
        var result = await Run();
        foreach (var w in result.Windows)
        {
            output.WriteLine($"{w.WindowStart:yyyy-MM-dd}: {w.Metrics.Outcomes} outcomes, accuracy {w.Metrics.Accuracy:F3}{(w.ConceptDrift ? ", concept drift" : string.Empty)}{(w.Breaches.IsEmpty ? string.Empty : ", " + string.Join("; ", w.Breaches))}");
        }

        foreach (var a in result.Alerts)
        {
            output.WriteLine($"alert {a.Kind} in the window from {a.Report.WindowStart:yyyy-MM-dd}: {string.Join("; ", a.Reasons)}");
        }

        var raised = result.Alerts.First(a => a.Kind == DriftAlertKind.Raised);

        // No false alarm in the first weeks of 2013, while the labels are still recorded as in 2012.
        Assert.True(raised.Report.WindowStart >= new DateTimeOffset(2013, 3, 1, 0, 0, 0, TimeSpan.Zero), $"raised in the window from {raised.Report.WindowStart}");
        Assert.True(raised.Report.WindowEnd <= new DateTimeOffset(2013, 7, 1, 0, 0, 0, TimeSpan.Zero), $"raised in the window from {raised.Report.WindowStart}");
        var request = result.Requests.First(r => r.Reason.StartsWith("model quality degraded", StringComparison.Ordinal));
        Assert.Same(raised.Report, request.Quality);

        // Every day got its label: nothing evicted, nothing unknown.
        Assert.Equal(0, result.Counts.Evicted);
        Assert.Equal(0, result.Counts.Unknown);
        Assert.True(result.Counts.Joined >= (3 * 365) - 8, $"{result.Counts.Joined} joined");
    }
}

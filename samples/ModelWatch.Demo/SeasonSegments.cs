using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Samples;

namespace ModelWatch.Demo;

/// <summary>
/// The segment part of the demo: the same weather, segmented by season, one window per year. The
/// model's reference is 2012 and each season's its 2012 days; 2013's hot summer drifts while the
/// year as a whole does not (docs/segments.md, "Real data").
/// </summary>
internal static class SeasonSegments
{
    private static readonly string[] Features = ["precipitation", "temp_max", "temp_min"];

    public static async Task RunAsync(IReadOnlyList<WeatherDay> allDays, ConsoleView view)
    {
        var days = allDays.Where(d => !(d.Date.Month == 2 && d.Date.Day == 29)).ToList(); // 365-day years
        var reference = new ReferenceProfileBuilder(new ModelSchema(Features, ["season"], PredictionKind.None));
        foreach (var d in days.Where(d => d.Date.Year == 2012))
        {
            reference.Add([d.Precipitation, d.TempMax, d.TempMin], [Season(d.Date)], double.NaN);
        }

        var services = new ServiceCollection();
        services.AddModelWatch().AddModel("weather-by-season", m => m
            .Numeric(Features).Categorical("season").Prediction(PredictionKind.None)
            .Reference(reference.Build())
            .WindowByCount(365)
            .SegmentBy("season")
            .Configure(o =>
            {
                o.Drift.Correction = MultipleTestingCorrection.BenjaminiHochberg;
                o.Segments.ReferenceSize = 90;   // each season's 2012 days
                o.Segments.MinPredictions = 60;
            }));
        await using var provider = services.BuildServiceProvider();
        var watch = provider.GetRequiredService<IModelWatch>();
        var monitor = watch.GetMonitor("weather-by-season");

        view.Line();
        view.Line(view.Bold("Segments: the same weather by season, one window per year (reference 2012; each season against its own 2012 days)"));
        foreach (var year in days.GroupBy(d => d.Date.Year).OrderBy(g => g.Key))
        {
            foreach (var d in year)
            {
                monitor.Log([d.Precipitation, d.TempMax, d.TempMin], [Season(d.Date)], double.NaN);
            }

            foreach (var report in (await watch.EvaluateAsync()).Where(r => r.IsComplete))
            {
                string whole = report.IsDrift ? view.Red("drift") : view.Green("stable");
                var seasons = report.Segments.Select(s => s.Status != SegmentStatus.Evaluated
                    ? $"{s.Name} {view.Dim("(builds its reference)")}"
                    : s.IsDrift ? $"{s.Name} {view.Red("drift")} [{string.Join(", ", s.DriftedFeatures)}]" : $"{s.Name} {view.Green("stable")}");
                view.Line($"  {2012 + report.LastSubWindow}: whole {whole} ({report.Dataset?.DriftedCount ?? 0} of {report.Dataset?.FeatureCount ?? 0} features); {string.Join("; ", seasons)}");
            }
        }
    }

    private static string Season(DateOnly date) => date.Month switch
    {
        12 or 1 or 2 => "winter",
        3 or 4 or 5 => "spring",
        6 or 7 or 8 => "summer",
        _ => "autumn",
    };
}

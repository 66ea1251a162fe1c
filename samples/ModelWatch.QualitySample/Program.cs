using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelWatch.Monitoring;
using ModelWatch.QualitySample;
using ModelWatch.Samples;

// A classifier that tells from a day's measurements whether the day is recorded as "rain" is trained
// on Seattle's 2012 weather and replayed over 2013-2015, each day's label arriving some days after
// its prediction. From April 2013 wet days are (almost) never recorded as "rain" any more (see
// samples/ModelWatch.Shared/Data/README.md). The inputs change only with the seasons, as in 2012,
// so only the labels, joined back to their predictions, can show that the model has become wrong.
//
// Usage: dotnet run --project samples/ModelWatch.QualitySample [-- --delay-days N]
//   --delay-days N   days between a prediction and its label (default 7). Labels arriving later
//                    than the 30-day time-to-live below are counted as expired instead of scored.
int delayDays = 7;
int option = Array.IndexOf(args, "--delay-days");
if (option >= 0 && (option + 1 >= args.Length
    || !int.TryParse(args[option + 1], NumberStyles.None, CultureInfo.InvariantCulture, out delayDays)))
{
    Console.Error.WriteLine("usage: ModelWatch.QualitySample [--delay-days N]   (N: a whole number of days, default 7)");
    return 2;
}

var labelDelay = TimeSpan.FromDays(delayDays);
var stopwatch = System.Diagnostics.Stopwatch.StartNew();
void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

// 1. The data.
var days = WeatherDay.Load();
var training = days.Where(d => d.Date.Year == 2012).ToList();
var replay = days.Where(d => d.Date.Year >= 2013).ToList();
Print($"Seattle weather: {training.Count} days to train on (2012), {replay.Count} to replay (2013-2015), labels {delayDays} days late.");

// 2. The model.
var model = DecisionStump.Train(WeatherDay.FeatureNames, [.. training.Select(d => d.Features)], [.. training.Select(d => IsRain(d))]);
double trainingAccuracy = training.Average(d => (model.PredictProbability(d.Features) >= 0.5 ? 1 : 0) == IsRain(d) ? 1.0 : 0.0);
Print($"Model: P(rain) = {model.PositiveAbove:F3} if {model.Feature} > {model.Threshold:G4}, else {model.PositiveAtOrBelow:F3}; 2012 accuracy {trainingAccuracy:F3}.");

// 3. The reference: what the model saw in training and what it answered, for input and score drift.
var reference = new ReferenceProfileBuilder(new ModelSchema(WeatherDay.FeatureNames));
foreach (var d in training)
{
    reference.Add(d.Features, model.PredictProbability(d.Features));
}

var builder = Host.CreateApplicationBuilder(args);

// The handler and trigger print what matters; the library's own log lines would repeat it.
builder.Logging.AddFilter("ModelWatch", LogLevel.Error);
builder.Services.AddSingleton<QualityEvents>();
builder.Services.AddModelWatch()
    .AddModel("rain", m => m
        .Numeric(WeatherDay.FeatureNames)
        .Reference(reference.Build())
        .Window(TimeSpan.FromDays(28))
        .BinaryClassification()
        .Outcomes(capacity: 1_000, timeToLive: TimeSpan.FromDays(30))

        // No baseline is given, so the first four-week window with enough labels sets it: the stump
        // has no held-out accuracy to compare with, only its accuracy on the data it was fitted to.
        .QualityDropAtMost(QualityMetric.Accuracy, 0.15)
        .Configure(o =>
        {
            o.Quality.MinimumOutcomes = 20; // a four-week window holds at most 28 labels
            o.Window.HistoryWindows = 100; // keep all three years, to print them at the end
        }))
    .AddAlertHandler<ConsoleQualityAlertHandler>()
    .AddRetrainingTrigger<ConsoleRetrainingTrigger>();

// The host is built but not started: its background evaluator runs on the wall clock, while this
// replay evaluates on the data's own calendar, once a simulated week.
using var host = builder.Build();
var watch = host.Services.GetRequiredService<IModelWatch>();
var events = host.Services.GetRequiredService<QualityEvents>();
var monitor = watch.GetMonitor("rain");

// 4. The replay. Labels wait in arrival order, which is prediction order because the delay is fixed.
Print($"Replaying 2013-2015 ...");
var waiting = new Queue<(string Id, int Label, DateTimeOffset Arrives)>();
foreach (var d in replay)
{
    var now = new DateTimeOffset(d.Date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    string id = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    monitor.Log(d.Features, [], model.PredictProbability(d.Features), id, now);
    waiting.Enqueue((id, IsRain(d), now + labelDelay));
    while (waiting.Count > 0 && waiting.Peek().Arrives <= now)
    {
        var (labelId, label, arrives) = waiting.Dequeue();
        monitor.RecordOutcome(labelId, label, arrives);
    }

    if (d.Date.DayOfWeek == DayOfWeek.Sunday)
    {
        await watch.EvaluateAsync();
    }
}

// The last labels would arrive in 2016, after the data ends: they stay pending.
await watch.EvaluateAsync();
if (events.Alerts.Any(a => a.Kind == DriftAlertKind.Raised))
{
    // Bounded, because the library skips a request while an earlier one is still in flight.
    await Task.WhenAny(events.FirstQualityRetraining, Task.Delay(TimeSpan.FromSeconds(5)));
}

// 5. What the monitor saw. Both views use the same four-week calendar windows: by outcome arrival
// (final when the window closes; this is what alerts are raised on) and, for 2013, by prediction
// time (the labels of the predictions made in the window, however late they came) beside the
// estimate ModelWatch makes from the scores alone, before any label.
var predictionTime = watch.GetQualityHistory("rain", QualityWindowBasis.PredictionTime)
    .Where(r => r.WindowStart < new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero))
    .ToDictionary(r => r.WindowStart!.Value);
var alertOf = events.Alerts.ToDictionary(a => a.Report, a => a.Kind);
var firstAlert = events.Alerts.FirstOrDefault(a => a.Kind == DriftAlertKind.Raised);
Console.WriteLine();
Print($"{"window",-10}  | {"by outcome arrival",-38}| by prediction time (2013)");
Print($"{"start",-10}  | labels  accuracy  {"markers",-20}| labels  accuracy  estimated");
foreach (var w in watch.GetQualityHistory("rain", QualityWindowBasis.OutcomeArrival))
{
    var markers = new List<string>();
    if (!w.Breaches.IsEmpty)
    {
        markers.Add("drop");
    }

    if (w.ConceptDrift)
    {
        markers.Add("concept drift");
    }

    if (alertOf.TryGetValue(w, out var kind))
    {
        markers.Add(kind == DriftAlertKind.Raised ? "ALERT" : "cleared");
    }

    string byPrediction = predictionTime.TryGetValue(w.WindowStart!.Value, out var p)
        ? string.Create(CultureInfo.InvariantCulture, $"{p.Metrics.Outcomes,6}  {p.Metrics.Accuracy,8:F3}  {p.Estimated?.Get(ModelWatch.Estimation.CbpeMetric.Accuracy)?.Value,9:F3}")
        : string.Empty;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{w.WindowStart:yyyy-MM-dd}  | {w.Metrics.Outcomes,6}  {w.Metrics.Accuracy,8:F3}  {string.Join(", ", markers),-20}| {byPrediction}").TrimEnd());
}

var counts = watch.GetOutcomeCounts("rain");
Console.WriteLine();
Print($"Outcomes: {counts.Joined} joined, {counts.Pending} pending, {counts.Expired} expired, {counts.Evicted} evicted, {counts.Unknown} unknown, {counts.Duplicate} duplicate, {counts.Invalid} invalid.");
Print($"drop: accuracy more than 0.15 below the first window with 20+ labels; concept drift: ADWIN saw the error rate rise;");
Print($"ALERT/cleared: a quality alert raised (after two degraded windows in a row) or cleared (after two clean ones).");
if (firstAlert is null)
{
    Print($"No quality alert was raised.");
}
else
{
    Print($"First quality alert: raised on the outcome-arrival window {firstAlert.Report.WindowStart:yyyy-MM-dd}..{firstAlert.Report.WindowEnd:yyyy-MM-dd}.");
}

Print($"Done in {stopwatch.Elapsed.TotalSeconds:F1} s.");
return 0;

// The label the classifier learns: 1 when the day was recorded as "rain".
static int IsRain(WeatherDay day) => day.Weather == "rain" ? 1 : 0;

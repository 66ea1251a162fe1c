using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Estimation;
using ModelWatch.Monitoring;
using ModelWatch.Profiles;
using ModelWatch.Reporting;
using ModelWatch.Samples;

namespace ModelWatch.Demo;

/// <summary>
/// The replay: trains the model on 2012, monitors it over 2012-2015 in date order (event time), and
/// prints each closed window, the alerts, a summary and the HTML report's path.
/// </summary>
internal static class DemoRun
{
    /// <summary>The monitored classifier.</summary>
    public const string ModelName = "weather";

    /// <summary>
    /// A second monitor that sees only the ground-truth labels, at the time they arrive. The model's
    /// own drift report covers its inputs and predictions; the labels' distribution needs its own
    /// reference (2012's labels) to be tested with chi-squared.
    /// </summary>
    public const string LabelsName = "weather-labels";


    /// <summary>Labels arrive the day after the prediction, as a next-day observation would.</summary>
    public static readonly TimeSpan LabelDelay = TimeSpan.FromDays(1);

    /// <summary>
    /// The accepted accuracy drop below the model's 2012 accuracy. Monthly accuracy on 30 labels has
    /// a standard error of about 0.07, and the seasons move it too (drizzle and snow months are
    /// harder), so the limit is well beyond that noise.
    /// </summary>
    public const double MaxAccuracyDrop = 0.25;

    public static async Task<int> RunAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        long started = clock.GetTimestamp();
        var view = new ConsoleView(settings.Color);

        string path = WeatherDay.DataPath;
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"ModelWatch.Demo: the data file is missing: {path}");
            return 2;
        }

        var days = WeatherDay.Load();
        var training = days.Where(d => d.Date.Year == 2012).ToList();
        view.Line(view.Bold("ModelWatch demo") + " - " + WeatherDay.Provenance + ".");

        // 1. The model: trained on the first year, as if it had been deployed on 2013-01-01. The
        // replay starts with 2012 too, so the first year shows what "no change" looks like.
        var model = SoftmaxRegression.Train([.. training.Select(d => d.Features)], [.. training.Select(d => d.Label)], WeatherDay.Classes.Length);
        double trainingAccuracy = training.Average(d => model.PredictClass(d.Features) == d.Label ? 1.0 : 0.0);
        view.Line($"Model: multinomial logistic regression, weather ({string.Join("/", WeatherDay.Classes)}) from {string.Join(", ", WeatherDay.FeatureNames)}; trained on 2012 ({training.Count} days), accuracy there {trainingAccuracy:F3}.");
        view.Line($"Replay: {days.Count} days {days[0].Date:yyyy-MM-dd}..{days[^1].Date:yyyy-MM-dd} in date order; calendar-month windows of event time (Window:Alignment Month); each label arrives {LabelDelay.TotalDays:F0} day after its prediction.");
        if (settings.Shifts.Count > 0)
        {
            view.Line(view.Yellow($"Synthetic shift from {settings.ShiftFrom:yyyy-MM-dd}: {string.Join(", ", settings.Shifts)} (seed {settings.Seed})."));
        }

        // 2. The references: what the model saw in training and answered, and the labels it learned.
        var inputReference = new ReferenceProfileBuilder(new ModelSchema(WeatherDay.FeatureNames, prediction: PredictionKind.Categorical));
        var labelReference = new ReferenceProfileBuilder(new ModelSchema([], ["weather"], PredictionKind.None));
        foreach (var d in training)
        {
            inputReference.Add(d.Features, model.PredictClass(d.Features));
            labelReference.Add([], [d.Weather], double.NaN);
        }

        // The labelled reference of the performance estimate (CBPE): the model's 2012 probabilities,
        // decisions and the true weather, cut into month-sized chunks for its thresholds.
        double[][] trainingProbabilities = [.. training.Select(d =>
        {
            var p = new double[WeatherDay.Classes.Length];
            model.Predict(d.Features, p);
            return p;
        })];
        var estimationReference = CbpeReference.Multiclass(trainingProbabilities, [.. training.Select(d => model.PredictClass(d.Features))], [.. training.Select(d => d.Label)]);

        var referenceMeans = WeatherDay.FeatureNames.Select((_, j) => training.Average(d => d.Features[j])).ToArray();
        var referenceLabels = training.GroupBy(d => d.Weather).ToDictionary(g => g.Key, g => (double)g.Count() / training.Count);

        // 3. ModelWatch, registered as an application would. The background evaluator is not started:
        // it runs on the wall clock, while this replay evaluates on the data's own calendar.
        var alerts = new AlertCollector();
        var services = new ServiceCollection();
        services.AddSingleton<IDriftAlertHandler>(alerts);
        services.AddModelWatch()
            .AddModel(ModelName, m => m
                .Numeric(WeatherDay.FeatureNames)
                .Reference(inputReference.Build())
                .WindowByMonth()
                .MulticlassClassification(WeatherDay.Classes.Length)
                .ClassNames(WeatherDay.Classes)
                .EstimatePerformance(estimationReference, new CbpeOptions { Chunking = Chunking.BySize(30) })
                .DetectMultivariateDrift([.. training.Select(d => d.Features)], [], new ReconstructionDriftOptions { Chunking = Chunking.BySize(30) })
                .Outcomes(capacity: 1_000, timeToLive: TimeSpan.FromDays(30))
                .QualityDropAtMost(QualityMetric.Accuracy, MaxAccuracyDrop, baseline: trainingAccuracy)
                .Configure(o => o.Quality.MinimumOutcomes = 20)) // the partial first window still counts
            .AddModel(LabelsName, m => m
                .Categorical("weather")
                .Prediction(PredictionKind.None)
                .Reference(labelReference.Build())
                .WindowByMonth());
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var watch = provider.GetRequiredService<IModelWatch>();
        var monitor = watch.GetMonitor(ModelName);
        var labelMonitor = watch.GetMonitor(LabelsName);
        var quality = new List<QualityReport>();
        var estimated = new Dictionary<DateTimeOffset, EstimatedPerformance>();
        watch.QualityReportPublished += (_, e) =>
        {
            // A closed prediction-time window's estimate is final (late labels change only its realised metrics).
            if (e.Report.Basis == QualityWindowBasis.PredictionTime && e.Report.IsComplete && e.Report.Estimated is { } estimate)
            {
                lock (quality)
                {
                    estimated[e.Report.WindowStart!.Value] = estimate;
                }
            }

            // Arrival windows close on time and carry the alerts; prediction-time windows are
            // re-reported as late labels come in, which a console table cannot show.
            if (e.Report.Basis == QualityWindowBasis.OutcomeArrival && e.Report.IsComplete)
            {
                lock (quality)
                {
                    quality.Add(e.Report);
                }
            }
        };

        var printer = new WindowPrinter(view, referenceMeans, referenceLabels, trainingAccuracy);
        var summary = new DemoSummary(view, settings, referenceMeans, trainingAccuracy);

        // The HTML report compares the reference year with the last one: the same columns as the
        // monitor, plus the label, profiled exactly as they were logged.
        var reference2012 = NewProfile();
        var current2015 = NewProfile();

        // 4. The replay.
        view.Line();
        var random = new Random(settings.Seed);
        var waiting = new Queue<(string Id, WeatherDay Day, DateTimeOffset Arrives)>();
        var features = new double[WeatherDay.FeatureNames.Length];
        var probabilities = new double[WeatherDay.Classes.Length];
        long replayStarted = clock.GetTimestamp();
        List<DriftReport> open = [];
        long lastEpoch = long.MinValue;
        for (int i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var at = new DateTimeOffset(day.Date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

            // Yesterday's label becomes known: joined to its prediction for quality, and counted
            // by the label monitor in the window in which it arrived.
            while (waiting.Count > 0 && waiting.Peek().Arrives <= at)
            {
                var (id, labelled, arrives) = waiting.Dequeue();
                monitor.RecordOutcome(id, labelled.Label, arrives);
                LogLabel(labelMonitor, labelled.Weather, arrives);
            }

            day.Features.CopyTo(features, 0);
            if (day.Date >= settings.ShiftFrom)
            {
                foreach (var shift in settings.Shifts)
                {
                    shift.Apply(features, random);
                }
            }

            model.Predict(features, probabilities);
            string predictionId = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            monitor.Log(features, [], probabilities, predictionId, at);
            waiting.Enqueue((predictionId, day, at + LabelDelay));

            if (day.Date.Year == 2012)
            {
                AddRow(reference2012, day.Features, day.Weather, model.PredictClass(day.Features));
            }
            else if (day.Date.Year == 2015)
            {
                AddRow(current2015, features, day.Weather, model.PredictClass(features));
            }

            // A window closes when the first event of the next one arrives, so evaluating then (and
            // once at the end, for the open window) reports every window exactly when it closes.
            long epoch = (at.Year * 12L) + at.Month;
            if (epoch == lastEpoch && i < days.Count - 1)
            {
                await PaceAsync(i);
                continue;
            }

            lastEpoch = epoch;
            var reports = await watch.EvaluateAsync(cancellationToken);
            var closed = reports.Where(r => r.IsComplete).ToList();
            open = [.. reports.Where(r => !r.IsComplete)];
            List<QualityReport> closedQuality;
            Dictionary<DateTimeOffset, EstimatedPerformance> estimates;
            lock (quality)
            {
                closedQuality = [.. quality];
                quality.Clear();
                estimates = new(estimated);
            }

            var raised = alerts.Drain();
            foreach (var input in closed.Where(r => r.ModelName == ModelName))
            {
                var labels = closed.FirstOrDefault(r => r.ModelName == LabelsName && r.WindowStart == input.WindowStart);
                var scored = closedQuality.FirstOrDefault(q => q.WindowStart == input.WindowStart);
                var windowAlerts = raised.Where(a => WindowOf(a) == input.WindowStart).ToList();
                printer.Print(input, labels, scored, estimates.GetValueOrDefault(input.WindowStart!.Value), windowAlerts);
                summary.Add(input, labels, scored, windowAlerts);
            }

            await PaceAsync(i);
        }

        var replayTime = clock.GetElapsedTime(replayStarted);

        // Shows progress and, with --speed, holds the replay to the requested pace. The target time
        // of each day is measured from the start, so delays do not accumulate rounding errors.
        async Task PaceAsync(int index)
        {
            view.Progress(index + 1, days.Count, days[index].Date);
            if (settings.DaysPerSecond is double pace)
            {
                var due = TimeSpan.FromSeconds((index + 1) / pace) - clock.GetElapsedTime(replayStarted);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, clock, cancellationToken);
                }
            }
        }
        view.ClearBar();
        if (open.FirstOrDefault(r => r.ModelName == ModelName) is { } last)
        {
            view.Line(view.Dim($"The window from {last.WindowStart:yyyy-MM-dd} stays open ({last.Predictions} days): the data ends on {days[^1].Date:yyyy-MM-dd}."));
        }

        // 5. The HTML report: 2012 against 2015, with the monitor's own detectors (ProfileComparison).
        reference2012.WindowStart = new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero);
        reference2012.WindowEnd = new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);
        current2015.WindowStart = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
        current2015.WindowEnd = new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);
        current2015.CreatedAt = clock.GetUtcNow(); // the report's "evaluated at"
        var yearly = ProfileComparison.Compare(reference2012, current2015);
        Directory.CreateDirectory(settings.OutputDirectory);
        string html = Path.Combine(settings.OutputDirectory, "seattle-weather-2012-vs-2015.html");
        await using (var writer = new StreamWriter(html))
        {
            // With the monitor's last 24 monthly windows: multivariate drift and estimated beside realised accuracy.
            HtmlReport.Write(writer, yearly, reference2012, current2015, new HtmlReportOptions
            {
                Title = "Seattle weather: 2015 against the reference year 2012",
                DriftHistory = watch.GetHistory(ModelName),
                QualityHistory = watch.GetQualityHistory(ModelName, QualityWindowBasis.PredictionTime),
            });
        }

        var outcomes = watch.GetOutcomeCounts(ModelName);
        summary.Print(yearly, outcomes);
        view.Line();
        view.Line($"HTML report (2012 vs 2015): {view.Bold(html)}");
        await SeasonSegments.RunAsync(days, view);
        view.Line($"Done: {days.Count} days replayed and evaluated in {replayTime.TotalSeconds:F2} s; {clock.GetElapsedTime(started).TotalSeconds:F2} s in all (after start-up).");
        return 0;
    }

    private static void LogLabel(IModelMonitor labelMonitor, string weather, DateTimeOffset arrives) =>
        labelMonitor.Log([], [weather], double.NaN, arrives);

    private static Profile NewProfile()
    {
        var columns = WeatherDay.FeatureNames.Select(n => FeatureProfile.Numeric(n))
            .Append(FeatureProfile.Categorical("weather"))
            .Append(FeatureProfile.Categorical(ModelSchema.PredictionColumn, isPrediction: true));
        return new Profile(ProfileKind.Dataset, columns) { ModelName = ModelName, ModelVersion = "1" };
    }

    private static void AddRow(Profile profile, double[] features, string weather, int predicted)
    {
        for (int j = 0; j < features.Length; j++)
        {
            profile.Features[j].Add(features[j]);
        }

        profile.Features[features.Length].Add(weather);
        profile.Features[features.Length + 1].Add(WeatherDay.Classes[predicted]);
        profile.Rows++;
    }

    private static DateTimeOffset? WindowOf(object alert) => alert switch
    {
        DriftAlert drift => drift.Report.WindowStart,
        QualityAlert q => q.Report.WindowStart,
        _ => null,
    };
}

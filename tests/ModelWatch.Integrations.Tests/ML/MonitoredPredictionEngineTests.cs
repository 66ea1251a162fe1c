using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using ModelWatch.Integrations.Tests.TestSupport;
using ModelWatch.ML;
using ModelWatch.Monitoring;
using ModelWatch.Samples;
using Xunit.Abstractions;

namespace ModelWatch.Integrations.Tests.ML;

/// <summary>The ML.NET wrapper on a real model: SDCA maximum entropy trained on 2012's Seattle weather.</summary>
public sealed class MonitoredPredictionEngineTests(ITestOutputHelper output)
{
    [Fact]
    public void Predict_RealModel_EqualsUnmonitoredAndLogsTheInputs()
    {
        var ml = WeatherModels.Context;
        var plain = ml.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(WeatherModels.Transformer);
        var recording = new RecordingMonitor(MLInputSchema.Create<WeatherInput>(WeatherMonitoring.Options()).ToModelSchema(PredictionKind.Categorical));
        var options = WeatherMonitoring.Options();
        options.ClassProbabilitiesColumn = "Score";
        var monitored = ml.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(WeatherModels.Transformer).WithModelWatch(recording, options);

        var days = WeatherModels.Year(2015).ToList();
        foreach (var day in days)
        {
            var input = WeatherModels.Input(day);
            var expected = plain.Predict(input);
            var actual = monitored.Predict(input, day.Date.ToString("O", CultureInfo.InvariantCulture));

            Assert.Equal(expected.PredictedLabel, actual.PredictedLabel);
            Assert.Equal(expected.Score, actual.Score);
        }

        Assert.Equal(days.Count, recording.Rows.Count);
        Assert.Equal(0, monitored.DroppedPredictions);
        for (int i = 0; i < days.Count; i++)
        {
            var input = WeatherModels.Input(days[i]);
            var row = recording.Rows[i];
            var expected = plain.Predict(input);

            // The features are the model's float inputs, widened to double exactly.
            Assert.Equal([input.Precipitation, input.TempMax, input.TempMin, input.Wind], row.Features);
            Assert.Empty(row.Categories);
            Assert.Equal(expected.PredictedLabel - 1.0, row.Value); // the key, as a 0-based class index
            Assert.Equal(expected.Score.Select(p => (double)p), row.ClassProbabilities);
            Assert.Equal(days[i].Date.ToString("O", CultureInfo.InvariantCulture), row.Id);
        }
    }

    [Fact]
    public void Predict_KeysSortedByValue_ClassIndexIsTheLabelsIndexInWeatherDayClasses()
    {
        var engine = WeatherModels.Context.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(WeatherModels.Transformer);
        var recording = new RecordingMonitor(MLInputSchema.Create<WeatherInput>(WeatherMonitoring.Options()).ToModelSchema(PredictionKind.Categorical));
        var monitored = engine.WithModelWatch(recording, WeatherMonitoring.Options());

        var training = WeatherModels.Year(2012).ToList();
        int correct = training.Count(d => monitored.Predict(WeatherModels.Input(d)) is not null && recording.Rows[^1].Value == d.Label);
        double accuracy = (double)correct / training.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SDCA maximum entropy, 2012 training accuracy {accuracy:F4}"));

        // The softmax regression of the demo reaches 0.77 on 2012; well above the 0.52 of always "rain".
        Assert.True(accuracy > 0.6, string.Create(CultureInfo.InvariantCulture, $"training accuracy {accuracy:F4}"));
    }

    [Fact]
    public async Task PredictAndLog_2015ReplayedAgainst2012Reference_FindsTemperatureDrift()
    {
        var ml = WeatherModels.Context;
        var reference = MLReferenceProfile.FromDataView<WeatherInput, WeatherPrediction>(
            ml, WeatherModels.Training, WeatherModels.Transformer, PredictionKind.Categorical, WeatherMonitoring.Options());
        Assert.Equal(366, reference.RowCount);

        await using var host = WeatherMonitoring.Host(reference, m => m.Features<WeatherInput>(WeatherMonitoring.Options()));
        var watch = host.GetRequiredService<IModelWatch>();
        var monitor = watch.GetMonitor("weather");
        var engine = ml.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(WeatherModels.Transformer);
        var options = WeatherMonitoring.Options();
        var monitored = engine.WithModelWatch(monitor, options);

        foreach (var day in WeatherModels.Year(2015).Take(365))
        {
            monitored.Predict(WeatherModels.Input(day));
        }

        var report = Assert.Single(await watch.EvaluateAsync(), r => r.IsComplete);
        Assert.Equal(365, report.Predictions);
        var tempMax = report.Features.Single(f => f.Name == "temp_max");
        output.WriteLine(string.Join("\n", report.Features.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}: {f.Verdict?.Detector} {f.Verdict?.Statistic:F4} p={f.Verdict?.PValue:G3} drift={f.IsDrift}"))));

        // The demo's yearly comparison: temp_max KS D = 0.1525 with 2015's 365 days (here the same).
        Assert.True(tempMax.IsDrift);
        Assert.Equal(0.1525, tempMax.Verdict?.Statistic ?? double.NaN, 4);
        Assert.Equal(365, tempMax.Count);
        Assert.Equal(WeatherModels.Year(2015).Average(d => (double)(float)d.TempMax), tempMax.Mean, 1e-9);
    }

    [Fact]
    public async Task PredictAndLog_2012ReplayedAgainstItself_FindsNoTemperatureDrift()
    {
        var ml = WeatherModels.Context;
        var reference = MLReferenceProfile.FromDataView<WeatherInput, WeatherPrediction>(
            ml, WeatherModels.Training, WeatherModels.Transformer, PredictionKind.Categorical, WeatherMonitoring.Options());
        await using var host = WeatherMonitoring.Host(reference, m => m.Features<WeatherInput>(WeatherMonitoring.Options()));
        var watch = host.GetRequiredService<IModelWatch>();
        var monitor = watch.GetMonitor("weather");
        var engine = ml.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(WeatherModels.Transformer);

        // Through the one-call extension; the label column "weather" must be excluded, so the
        // options go to WithModelWatch once, and PredictAndLog reuses that wrapper's mapping.
        var monitored = engine.WithModelWatch(monitor, WeatherMonitoring.Options());
        foreach (var day in WeatherModels.Year(2012).Take(365))
        {
            monitored.Predict(WeatherModels.Input(day));
        }

        var report = Assert.Single(await watch.EvaluateAsync(), r => r.IsComplete);
        Assert.False(report.Features.Single(f => f.Name == "temp_max").IsDrift);
        Assert.False(report.IsPredictionDrift);
    }

    [Fact]
    public void PredictAndLog_DefaultOptions_LogsThroughAWrapperKeptBesideTheEngine()
    {
        var engine = WeatherModels.Context.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(WeatherModels.Transformer);

        // Without options only a column named "Label" is left out: this input's label column
        // "weather" becomes a categorical feature.
        var recording = new RecordingMonitor(MLInputSchema.Create<WeatherInput>().ToModelSchema(PredictionKind.Categorical));
        var first = WeatherModels.Input(WeatherModels.Days[0]);   // 2012/01/01,0.0,12.8,5.0,4.7,drizzle
        var second = WeatherModels.Input(WeatherModels.Days[1]);  // 2012/01/02,10.9,10.6,2.8,4.5,rain

        var answer = engine.PredictAndLog(first, recording, "a");
        engine.PredictAndLog(second, recording, "b");

        Assert.Equal(2, recording.Rows.Count);
        Assert.Equal([0, 12.8f, 5, 4.7f], recording.Rows[0].Features);
        Assert.Equal<string?>(["drizzle"], recording.Rows[0].Categories.AsEnumerable());
        Assert.Equal<string?>(["rain"], recording.Rows[1].Categories.AsEnumerable());
        Assert.Equal(answer.PredictedLabel - 1.0, recording.Rows[0].Value);
        Assert.Equal(["a", "b"], recording.Rows.Select(r => r.Id));
    }

    [Fact]
    public void PredictAndLog_SameEngineAnotherMonitor_LogsToTheNewOne()
    {
        var engine = WeatherModels.Context.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(WeatherModels.Transformer);
        var schema = MLInputSchema.Create<WeatherInput>().ToModelSchema(PredictionKind.Categorical);
        var a = new RecordingMonitor(schema);
        var b = new RecordingMonitor(schema);
        var input = WeatherModels.Input(WeatherModels.Days[0]);

        engine.PredictAndLog(input, a);
        engine.PredictAndLog(input, b);
        engine.PredictAndLog(input, b);

        Assert.Single(a.Rows);
        Assert.Equal(2, b.Rows.Count);
    }

    [Fact]
    public void WithModelWatch_MonitorWithOtherFeatures_RefusesNamingBoth()
    {
        var engine = WeatherModels.Context.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(WeatherModels.Transformer);
        var other = new RecordingMonitor(new ModelSchema(["a", "b"], prediction: PredictionKind.Categorical));

        var error = Assert.Throws<ArgumentException>(() => engine.WithModelWatch(other, WeatherMonitoring.Options()));

        Assert.Contains("[a, b]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[precipitation, temp_max, temp_min, wind]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithModelWatch_NumericPredictionWithoutScoreOrProbability_RefusesNamingTheOption()
    {
        var engine = WeatherModels.Context.Model.CreatePredictionEngine<WeatherInput, LabelOnly>(WeatherModels.Transformer);
        var monitor = new RecordingMonitor(new ModelSchema(WeatherMonitoring.Features, prediction: PredictionKind.Numeric));

        var error = Assert.Throws<ArgumentException>(() => engine.WithModelWatch(monitor, WeatherMonitoring.Options()));

        Assert.Contains("PredictionColumn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_AfterWarmUp_LogsWithoutAllocatingBeyondTheEngine()
    {
        var ml = WeatherModels.Context;
        var recording = new CountingMonitor(MLInputSchema.Create<WeatherInput>(WeatherMonitoring.Options()).ToModelSchema(PredictionKind.Categorical));
        var monitored = ml.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(WeatherModels.Transformer).WithModelWatch(recording, WeatherMonitoring.Options());
        var input = WeatherModels.Input(WeatherModels.Days[0]);
        var output = new WeatherPrediction();
        monitored.Predict(input, ref output);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            monitored.Log(input, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1_001, recording.Count);
    }

    private sealed class LabelOnly
    {
        public uint PredictedLabel { get; set; }
    }
}

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelWatch.Integrations.Tests.TestSupport;
using ModelWatch.Monitoring;
using ModelWatch.OnnxRuntime;
using Xunit.Abstractions;

namespace ModelWatch.Integrations.Tests.OnnxRuntime;

/// <summary>The ONNX Runtime wrapper on a real model: the ML.NET weather classifier exported to ONNX, run by the native CPU runtime.</summary>
public sealed class MonitoredInferenceSessionTests(ITestOutputHelper output)
{
    private static OnnxMonitoringOptions Options()
    {
        var options = new OnnxMonitoringOptions();
        options.ExcludedInputs.Add("weather"); // the label: an input of the exported model, not a feature
        return options;
    }

    [Fact]
    public void Schema_MLNetExport_FourNumericFeaturesAndTheLabelOnlyWhenNotExcluded()
    {
        using var session = new InferenceSession(WeatherModels.OnnxPath);

        var excluded = OnnxInputSchema.Create(session, Options());
        var all = OnnxInputSchema.Create(session);

        Assert.Equal(WeatherMonitoring.Features, excluded.NumericFeatures.ToArray());
        Assert.Empty(excluded.CategoricalFeatures);
        Assert.Equal(["weather"], all.CategoricalFeatures.ToArray());
    }

    [Fact]
    public void Run_BatchOf2015_EqualsUnmonitoredAndLogsEveryRow()
    {
        using var session = new InferenceSession(WeatherModels.OnnxPath);
        var recording = new RecordingMonitor(OnnxInputSchema.Create(session, Options()).ToModelSchema(PredictionKind.Categorical));
        var options = Options();
        options.ClassProbabilitiesOutput = "Score.output";
        using var monitored = session.WithModelWatch(recording, options);
        var days = WeatherModels.Year(2015).ToList();
        var inputs = WeatherTensors.Inputs(days);

        using var expected = session.Run(inputs);
        using var actual = monitored.Run(inputs);

        Assert.Equal("PredictedLabel.output", monitored.PredictionOutput);
        var labels = Output<uint>(actual, "PredictedLabel.output");
        var scores = Output<float>(actual, "Score.output");
        Assert.Equal(Output<uint>(expected, "PredictedLabel.output"), labels);
        Assert.Equal(Output<float>(expected, "Score.output"), scores);
        Assert.Equal(days.Count, recording.Rows.Count);
        Assert.Equal(0, monitored.DroppedRuns);
        for (int i = 0; i < days.Count; i++)
        {
            var row = recording.Rows[i];
            Assert.Equal([(float)days[i].Precipitation, (float)days[i].TempMax, (float)days[i].TempMin, (float)days[i].Wind], row.Features);
            Assert.Equal(labels[i] - 1.0, row.Value);
            Assert.Equal(scores.Skip(i * 5).Take(5).Select(p => (double)p), row.ClassProbabilities);
        }
    }

    [Fact]
    public void Run_SameDaysAsMLNet_PredictsTheSameClasses()
    {
        using var session = new InferenceSession(WeatherModels.OnnxPath);
        var engine = WeatherModels.Context.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(WeatherModels.Transformer);
        var days = WeatherModels.Year(2013).ToList();

        using var outputs = session.WithModelWatch(new RecordingMonitor(OnnxInputSchema.Create(session, Options()).ToModelSchema(PredictionKind.Categorical)), Options())
            .Run(WeatherTensors.Inputs(days));

        var labels = Output<uint>(outputs, "PredictedLabel.output");
        int same = days.Select((d, i) => engine.Predict(WeatherModels.Input(d)).PredictedLabel == labels[i] ? 1 : 0).Sum();
        output.WriteLine($"ONNX and ML.NET agree on {same} of {days.Count} days");
        Assert.Equal(days.Count, same);
    }

    [Fact]
    public async Task Run_2015ReplayedAgainst2012Reference_FindsTemperatureDrift()
    {
        using var session = new InferenceSession(WeatherModels.OnnxPath);
        var schema = OnnxInputSchema.Create(session, Options()).ToModelSchema(PredictionKind.Categorical);

        // The reference: 2012 through the ONNX model itself, as an ONNX-only application would build it.
        var training = new RecordingMonitor(schema);
        using (var profiler = session.WithModelWatch(training, Options()))
        using (profiler.Run(WeatherTensors.Inputs([.. WeatherModels.Year(2012)])))
        {
        }

        var reference = new ReferenceProfileBuilder(schema);
        foreach (var row in training.Rows)
        {
            reference.Add(row.Features, row.Value);
        }

        await using var host = WeatherMonitoring.Host(reference.Build(), m => m.Features(session, Options()));
        var watch = host.GetRequiredService<IModelWatch>();
        using var monitored = session.WithModelWatch(watch.GetMonitor("weather"), Options());

        // One day per run, as a service answers requests.
        foreach (var day in WeatherModels.Year(2015).Take(365))
        {
            using var _ = monitored.Run(WeatherTensors.Inputs([day]));
        }

        var report = Assert.Single(await watch.EvaluateAsync(), r => r.IsComplete);
        var tempMax = report.Features.Single(f => f.Name == "temp_max");
        output.WriteLine(string.Join("\n", report.Features.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}: {f.Verdict?.Detector} {f.Verdict?.Statistic:F4} p={f.Verdict?.PValue:G3} drift={f.IsDrift}"))));
        Assert.Equal(365, report.Predictions);
        Assert.True(tempMax.IsDrift);
        Assert.Equal(0.1525, tempMax.Verdict?.Statistic ?? double.NaN, 4); // the demo's yearly KS D
    }

    [Fact]
    public void Run_OrtValuesWithoutThePredictionOutput_ReturnsOnlyTheRequestedOutputsAndLogsThePrediction()
    {
        using var session = new InferenceSession(WeatherModels.OnnxPath);
        var recording = new RecordingMonitor(OnnxInputSchema.Create(session, Options()).ToModelSchema(PredictionKind.Categorical));
        using var monitored = session.WithModelWatch(recording, Options());
        var days = WeatherModels.Year(2014).Take(10).ToList();
        string[] names = ["precipitation", "temp_max", "temp_min", "wind"];
        var values = new List<OrtValue>();
        foreach (var (name, read) in names.Zip(new Func<Samples.WeatherDay, float>[] { d => (float)d.Precipitation, d => (float)d.TempMax, d => (float)d.TempMin, d => (float)d.Wind }))
        {
            values.Add(OrtValue.CreateTensorValueFromMemory(WeatherTensors.Values(days, read), [days.Count, 1]));
        }

        values.Add(OrtValue.CreateFromStringTensor(new DenseTensor<string>(days.Select(d => d.Weather).ToArray(), [days.Count, 1])));
        try
        {
            using var outputs = monitored.Run(null, [.. names, "weather"], values, ["Score.output"]);

            var only = Assert.Single(outputs);
            Assert.Equal(days.Count * 5, only.GetTensorDataAsSpan<float>().Length);
            Assert.Equal(days.Count, recording.Rows.Count);
            Assert.Equal([(float)days[3].Precipitation, (float)days[3].TempMax, (float)days[3].TempMin, (float)days[3].Wind], recording.Rows[3].Features);
            var scores = only.GetTensorDataAsSpan<float>().ToArray();
            for (int i = 0; i < days.Count; i++)
            {
                var row = scores.AsSpan(i * 5, 5);
                Assert.Equal(row.IndexOf(MaxOf(row)), (int)recording.Rows[i].Value); // PredictedLabel - 1 is the best score
            }
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    [Fact]
    public void Run_CustomInput_LogsWhatTheDelegateWrites()
    {
        using var session = new InferenceSession(WeatherModels.OnnxPath);
        var options = new OnnxMonitoringOptions();
        options.CustomInputs["weather"] = new OnnxCustomInput([], ["label_initial"], static (in OnnxInput input, int row, Span<double> numeric, Span<string?> categorical) =>
            categorical[0] = ((Tensor<string>)input.NamedValue!.Value)[row, 0][..1]);
        var recording = new RecordingMonitor(OnnxInputSchema.Create(session, options).ToModelSchema(PredictionKind.Categorical));
        using var monitored = session.WithModelWatch(recording, options);

        using var _ = monitored.Run(WeatherTensors.Inputs([.. WeatherModels.Days.Take(3)])); // drizzle, rain, rain

        Assert.Equal<string?>(["d", "r", "r"], recording.Rows.Select(r => r.Categories.Single()));
    }

    [Fact]
    public void WithModelWatch_NumericPredictionFromFiveScores_AsksForPredictionIndex()
    {
        using var session = new InferenceSession(WeatherModels.OnnxPath);
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session, Options()).ToModelSchema(PredictionKind.Numeric));

        var error = Assert.Throws<ArgumentException>(() => session.WithModelWatch(monitor, Options()));

        Assert.Contains("'Score.output' has 5 values per row", error.Message, StringComparison.Ordinal);
        Assert.Contains("PredictionIndex", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithModelWatch_NumericPredictionIndexGiven_LogsThatClassesScore()
    {
        using var session = new InferenceSession(WeatherModels.OnnxPath);
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session, Options()).ToModelSchema(PredictionKind.Numeric));
        var options = Options();
        options.PredictionIndex = 2; // P(rain)

        using var monitored = session.WithModelWatch(monitor, options);
        using var outputs = monitored.Run(WeatherTensors.Inputs([.. WeatherModels.Days.Take(4)]));

        var scores = Output<float>(outputs, "Score.output");
        Assert.Equal(Enumerable.Range(0, 4).Select(i => (double)scores[(i * 5) + 2]), monitor.Rows.Select(r => r.Value));
    }

    [Fact]
    public void WithModelWatch_UnknownPredictionOutput_RefusesListingTheOutputs()
    {
        using var session = new InferenceSession(WeatherModels.OnnxPath);
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session, Options()).ToModelSchema(PredictionKind.Categorical));
        var options = Options();
        options.PredictionOutput = "nope";

        var error = Assert.Throws<ArgumentException>(() => session.WithModelWatch(monitor, options));

        Assert.Contains("PredictedLabel.output", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithModelWatch_MonitorWithOtherFeatures_RefusesNamingBoth()
    {
        using var session = new InferenceSession(WeatherModels.OnnxPath);
        var monitor = new RecordingMonitor(new ModelSchema(["a"], prediction: PredictionKind.Categorical));

        var error = Assert.Throws<ArgumentException>(() => session.WithModelWatch(monitor, Options()));

        Assert.Contains("[precipitation, temp_max, temp_min, wind]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_CustomInputTheModelLacks_RefusesListingTheInputs()
    {
        using var session = new InferenceSession(WeatherModels.OnnxPath);
        var options = Options();
        options.CustomInputs["image"] = new OnnxCustomInput(["brightness"], [], static (in OnnxInput _, int _, Span<double> n, Span<string?> _) => n[0] = 0);

        var error = Assert.Throws<ArgumentException>(() => OnnxInputSchema.Create(session, options));

        Assert.Contains("'image'", error.Message, StringComparison.Ordinal);
        Assert.Contains("temp_max", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_FeatureNamesOfTheWrongCount_Refuses()
    {
        using var session = new InferenceSession(WeatherModels.OnnxPath);
        var options = Options();
        options.FeatureNames["wind"] = ["a", "b"];

        Assert.Throws<ArgumentException>(() => OnnxInputSchema.Create(session, options));
    }

    private static float MaxOf(ReadOnlySpan<float> row)
    {
        float max = row[0];
        foreach (float v in row)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    private static T[] Output<T>(IReadOnlyCollection<DisposableNamedOnnxValue> outputs, string name) =>
        [.. outputs.Single(o => o.Name == name).AsTensor<T>()];
}

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelWatch.IntegrationsSample;
using ModelWatch.ML;
using ModelWatch.Monitoring;
using ModelWatch.Samples;

// Trains the weather classifier with ML.NET on 2012, exports it to ONNX, serves a later year through
// ModelWatch.ML (the ML.NET engine) and ModelWatch.OnnxRuntime (the ONNX session), one day per call,
// and prints what drifted against the 2012 reference.
//
// Usage: dotnet run --project samples/ModelWatch.IntegrationsSample [-- --mode both|mlnet|onnx] [--year 2013|2014|2015]
string mode = "both";
int year = 2015;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--mode" when i + 1 < args.Length && args[i + 1] is "both" or "mlnet" or "onnx":
            mode = args[++i];
            break;
        case "--year" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out year) && year is >= 2013 and <= 2015:
            i++;
            break;
        default:
            Console.Error.WriteLine("usage: ModelWatch.IntegrationsSample [--mode both|mlnet|onnx] [--year 2013|2014|2015]");
            return 2;
    }
}

var days = WeatherDay.Load();
var model = WeatherModel.Train(days.Where(d => d.Date.Year == 2012).Select(WeatherInput.From));
string onnxPath = Path.Combine(Path.GetTempPath(), $"modelwatch-weather-{Environment.ProcessId}.onnx");
model.ExportToOnnx(onnxPath);
Console.WriteLine($"Model: SDCA maximum entropy trained with ML.NET on 2012 ({WeatherDay.Provenance}); exported to ONNX: {onnxPath}");

// The reference, in one line: every training row and the model's prediction for it. The features
// come from WeatherInput's columns; its label column "Label" is left out by default.
var reference = MLReferenceProfile.FromDataView<WeatherInput, WeatherPrediction>(model.Context, model.Training, model.Transformer, PredictionKind.Categorical);
Console.WriteLine($"Reference: {reference.RowCount} days of 2012 with the model's predictions (MLReferenceProfile.FromDataView)");

using var session = new InferenceSession(onnxPath);
var services = new ServiceCollection();
var modelWatch = services.AddModelWatch();

// Windows of one year of days: one evaluation after the replay compares that year with 2012.
modelWatch.AddModel("weather-mlnet", m => m.Features<WeatherInput>().Prediction(PredictionKind.Categorical).Reference(reference).WindowByCount(365));
modelWatch.AddModel("weather-onnx", m => m.Features(session).Prediction(PredictionKind.Categorical).Reference(reference).WindowByCount(365));
await using var provider = services.BuildServiceProvider();
var watch = provider.GetRequiredService<IModelWatch>();

var engine = model.Context.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(model.Transformer);
using var monitoredSession = session.WithModelWatch(watch.GetMonitor("weather-onnx"));
var replayed = days.Where(d => d.Date.Year == year).Take(365).ToList();
Console.WriteLine($"Replaying {year}: {replayed.Count} days, one prediction per call ({mode})");

int agree = 0;
foreach (var day in replayed)
{
    // At serving time the label is unknown: both models ignore the value given for it.
    var input = WeatherInput.From(day);
    input.Weather = "";

    // The ML.NET engine and the ONNX session, each wrapped in one call.
    uint mlKey = 0, onnxKey = 0;
    if (mode is "both" or "mlnet")
    {
        mlKey = engine.PredictAndLog(input, watch.GetMonitor("weather-mlnet")).PredictedLabel;
    }

    if (mode is "both" or "onnx")
    {
        using var outputs = monitoredSession.Run(OnnxInputs(input));
        onnxKey = outputs.Single(o => o.Name == "PredictedLabel.output").AsTensor<uint>()[0, 0];
    }

    agree += mlKey == onnxKey ? 1 : 0;
}

if (mode == "both")
{
    Console.WriteLine($"ML.NET and ONNX Runtime predicted the same class on {agree} of {replayed.Count} days");
}

var drifted = new List<string>();
foreach (var report in (await watch.EvaluateAsync()).Where(r => r.IsComplete).OrderBy(r => r.ModelName, StringComparer.Ordinal))
{
    DriftTable.Print(report, Console.Out);
    drifted.Add($"{report.ModelName} [{string.Join(", ", report.Features.Where(f => f.IsDrift).Select(f => f.Name))}]");
}

Console.WriteLine($"Drift found ({year} against 2012): {string.Join("; ", drifted)}");
File.Delete(onnxPath);
return 0;

// The exported graph takes every training column as a [batch, 1] tensor: here a batch of one day.
static List<NamedOnnxValue> OnnxInputs(WeatherInput day) =>
[
    NamedOnnxValue.CreateFromTensor("precipitation", new DenseTensor<float>(new[] { day.Precipitation }, [1, 1])),
    NamedOnnxValue.CreateFromTensor("temp_max", new DenseTensor<float>(new[] { day.TempMax }, [1, 1])),
    NamedOnnxValue.CreateFromTensor("temp_min", new DenseTensor<float>(new[] { day.TempMin }, [1, 1])),
    NamedOnnxValue.CreateFromTensor("wind", new DenseTensor<float>(new[] { day.Wind }, [1, 1])),
    NamedOnnxValue.CreateFromTensor("Label", new DenseTensor<string>(new[] { day.Weather }, [1, 1])),
];

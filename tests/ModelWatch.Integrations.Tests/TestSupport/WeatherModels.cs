using Microsoft.ML;
using Microsoft.ML.Transforms;
using ModelWatch.Samples;

namespace ModelWatch.Integrations.Tests.TestSupport;

/// <summary>
/// The real models the integration tests run: an ML.NET multiclass classifier (SDCA maximum entropy,
/// managed code only) trained on 2012's Seattle weather, saved as ML.NET's zip and exported to ONNX.
/// Trained once per test run; files go to a temporary folder.
/// </summary>
internal static class WeatherModels
{
    private static readonly Lazy<Trained> Model = new(Train);

    public static IReadOnlyList<WeatherDay> Days => Data.Value;

    public static MLContext Context => Model.Value.Context;

    public static ITransformer Transformer => Model.Value.Transformer;

    public static IDataView Training => Model.Value.Training;

    public static string ZipPath => Model.Value.ZipPath;

    public static string OnnxPath => Model.Value.OnnxPath;

    private static readonly Lazy<IReadOnlyList<WeatherDay>> Data = new(WeatherDay.Load);

    public static WeatherInput Input(WeatherDay d) => new()
    {
        Precipitation = (float)d.Precipitation,
        TempMax = (float)d.TempMax,
        TempMin = (float)d.TempMin,
        Wind = (float)d.Wind,
        Weather = d.Weather,
    };

    public static IEnumerable<WeatherDay> Year(int year) => Days.Where(d => d.Date.Year == year);

    private static Trained Train()
    {
        var ml = new MLContext(seed: 1);
        var training = ml.Data.LoadFromEnumerable(Year(2012).Select(Input).ToList());

        // Keys sorted by value, so that key k is class k - 1 of WeatherDay.Classes (alphabetical).
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "weather", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Concatenate("Features", "precipitation", "temp_max", "temp_min", "wind"))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 100));
        var model = pipeline.Fit(training);

        string folder = Path.Combine(Path.GetTempPath(), "modelwatch-integrations-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        string zip = Path.Combine(folder, "weather.zip");
        ml.Model.Save(model, training.Schema, zip);
        string onnx = Path.Combine(folder, "weather.onnx");
        using (var stream = File.Create(onnx))
        {
            ml.Model.ConvertToOnnx(model, training, stream);
        }

        return new Trained(ml, model, training, zip, onnx);
    }

    private sealed record Trained(MLContext Context, ITransformer Transformer, IDataView Training, string ZipPath, string OnnxPath);
}

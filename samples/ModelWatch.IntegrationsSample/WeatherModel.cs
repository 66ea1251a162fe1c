using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace ModelWatch.IntegrationsSample;

/// <summary>
/// The model both wrappers serve: SDCA maximum entropy (managed code only) on the four weather
/// columns, trained with ML.NET and exported to ONNX.
/// </summary>
internal sealed class WeatherModel
{
    private WeatherModel(MLContext context, IDataView training, ITransformer transformer)
    {
        Context = context;
        Training = training;
        Transformer = transformer;
    }

    public MLContext Context { get; }

    /// <summary>Gets the training data, from which the reference is built.</summary>
    public IDataView Training { get; }

    public ITransformer Transformer { get; }

    public static WeatherModel Train(IEnumerable<WeatherInput> days)
    {
        var ml = new MLContext(seed: 1);
        var training = ml.Data.LoadFromEnumerable(days.ToList());

        // Keys sorted by value, so that the predicted key k is class k - 1 of WeatherDay.Classes
        // (ModelWatch logs the class index).
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Concatenate("Features", "precipitation", "temp_max", "temp_min", "wind"))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 100));
        return new WeatherModel(ml, training, pipeline.Fit(training));
    }

    /// <summary>Writes the model as ONNX (every training column is an input of the exported graph, the label included).</summary>
    public void ExportToOnnx(string path)
    {
        using var stream = File.Create(path);
        Context.Model.ConvertToOnnx(Transformer, Training, stream);
    }
}

using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelWatch.Integrations.Tests.TestSupport;
using ModelWatch.Monitoring;
using ModelWatch.OnnxRuntime;

namespace ModelWatch.Integrations.Tests.OnnxRuntime;

/// <summary>
/// The prediction of scikit-learn-style classifiers (LinearClassifier, as skl2onnx exports a logistic
/// regression): with ZipMap (probabilities as a sequence of maps) and without (a [batch, classes] tensor, string labels).
/// </summary>
public sealed class OnnxClassifierOutputsTests
{
    private static readonly float[] Items = [3, 0, 0, 0, 3, 0, 0, 0, 3, 1, 1, 1];

    private static readonly string[] Classes = ["cat", "dog", "fish"];

    [Fact]
    public void Schema_NoFeatureNamesGiven_NamesTheValuesByIndex()
    {
        using var session = ShapeModels.Open("classifier_zipmap.onnx");

        Assert.Equal(["float_input[0]", "float_input[1]", "float_input[2]"], OnnxInputSchema.Create(session).NumericFeatures.ToArray());
    }

    [Fact]
    public void Run_ZipMapClassifier_LogsOutputLabelAsTheClass()
    {
        using var session = ShapeModels.Open("classifier_zipmap.onnx");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session).ToModelSchema(PredictionKind.Categorical));
        using var monitored = session.WithModelWatch(monitor);

        using var outputs = monitored.Run([NamedOnnxValue.CreateFromTensor("float_input", new DenseTensor<float>(Items, [4, 3]))]);

        Assert.Equal("output_label", monitored.PredictionOutput);
        var labels = outputs.Single(o => o.Name == "output_label").AsTensor<long>().ToArray();
        Assert.Equal(labels.Select(l => (double)l), monitor.Rows.Select(r => r.Value));
        Assert.Equal(3, labels.Distinct().Count());
        Assert.Equal<double[]>([[3, 0, 0], [0, 3, 0], [0, 0, 3], [1, 1, 1]], monitor.Rows.Select(r => r.Features));
        Assert.Equal(0, monitored.DroppedRuns);
    }

    [Fact]
    public void Run_ZipMapClassifierAskedForTheMapsOnly_ComputesTheLabelTooAndReturnsOnlyTheMaps()
    {
        using var session = ShapeModels.Open("classifier_zipmap.onnx");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session).ToModelSchema(PredictionKind.Categorical));
        using var monitored = session.WithModelWatch(monitor);
        using var input = OrtValue.CreateTensorValueFromMemory(Items, [4, 3]);

        using var outputs = monitored.Run(null, ["float_input"], [input], ["output_probability"]);

        var maps = Assert.Single(outputs);
        Assert.Equal(OnnxValueType.ONNX_TYPE_SEQUENCE, maps.OnnxType);
        Assert.Equal(4, maps.GetValueCount());
        Assert.Equal([0.0, 1, 2], monitor.Rows.Take(3).Select(r => r.Value));
    }

    [Fact]
    public void Run_ZipMapAsClassProbabilities_LogsTheSameProbabilitiesAsTheTensorExportThroughBothApis()
    {
        using var zipMap = ShapeModels.Open("classifier_zipmap.onnx");
        using var tensor = ShapeModels.Open("classifier_tensor.onnx");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(zipMap).ToModelSchema(PredictionKind.Categorical));
        using var monitored = zipMap.WithModelWatch(monitor, new OnnxMonitoringOptions { ClassProbabilitiesOutput = "output_probability" });
        using var expected = tensor.Run([NamedOnnxValue.CreateFromTensor("float_input", new DenseTensor<float>(Items, [4, 3]))]);
        var probabilities = expected.Single(o => o.Name == "output_probability").AsTensor<float>().Select(p => (double)p).ToArray();

        using (monitored.Run([NamedOnnxValue.CreateFromTensor("float_input", new DenseTensor<float>(Items, [4, 3]))]))
        {
        }

        using (var input = OrtValue.CreateTensorValueFromMemory(Items, [4, 3]))
        using (var outputs = monitored.Run(null, ["float_input"], [input], ["output_label"]))
        {
            Assert.Single(outputs); // the maps were computed for the log and disposed
        }

        Assert.Equal(0, monitored.DroppedRuns);
        Assert.Equal(8, monitor.Rows.Count);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(probabilities.Skip(i % 4 * 3).Take(3), monitor.Rows[i].ClassProbabilities);
            Assert.Equal(i % 4 == 3 ? monitor.Rows[i].Value : i % 4, monitor.Rows[i].Value);
        }
    }

    [Fact]
    public void Run_BinaryZipMapAsNumericPrediction_LogsTheSecondClassProbabilityByDefault()
    {
        using var session = ShapeModels.Open("classifier_zipmap_binary.onnx");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session).ToModelSchema(PredictionKind.Numeric));
        using var monitored = session.WithModelWatch(monitor);

        using var outputs = monitored.Run([NamedOnnxValue.CreateFromTensor("float_input", new DenseTensor<float>(Items, [4, 3]))]);

        Assert.Equal("output_probability", monitored.PredictionOutput);
        var maps = (IEnumerable<NamedOnnxValue>)outputs.Single(o => o.Name == "output_probability").Value;
        var expected = maps.Select(m => (double)((IDictionary<long, float>)m.Value)[1]).ToArray();
        Assert.Equal(expected, monitor.Rows.Select(r => r.Value));
        Assert.All(expected, p => Assert.InRange(p, 0, 1));
        Assert.Equal(0, monitored.DroppedRuns);
    }

    [Fact]
    public void Run_ThreeClassZipMapAsNumericPrediction_LogsTheClassAtPredictionIndexElseCountsTheRun()
    {
        using var zipMap = ShapeModels.Open("classifier_zipmap.onnx");
        using var tensor = ShapeModels.Open("classifier_tensor.onnx");
        var schema = OnnxInputSchema.Create(zipMap).ToModelSchema(PredictionKind.Numeric);
        var indexed = new RecordingMonitor(schema);
        var unindexed = new RecordingMonitor(schema);
        using var withIndex = zipMap.WithModelWatch(indexed, new OnnxMonitoringOptions { PredictionIndex = 2 });
        using var withoutIndex = zipMap.WithModelWatch(unindexed);
        var inputs = new[] { NamedOnnxValue.CreateFromTensor("float_input", new DenseTensor<float>(Items, [4, 3])) };
        using var expected = tensor.Run(inputs);
        var probabilities = expected.Single(o => o.Name == "output_probability").AsTensor<float>().ToArray();

        using (withIndex.Run(inputs))
        using (var outputs = withoutIndex.Run(inputs))
        {
            Assert.Equal(2, outputs.Count); // the run itself is unaffected
        }

        Assert.Equal(Enumerable.Range(0, 4).Select(i => (double)probabilities[(i * 3) + 2]), indexed.Rows.Select(r => r.Value));
        Assert.Empty(unindexed.Rows); // three classes and no PredictionIndex: which probability is meant is unknown
        Assert.Equal(1, withoutIndex.DroppedRuns);
    }

    [Fact]
    public void WithModelWatch_SequenceOfTensorsAsClassProbabilities_RefusedNamingWhatItIs()
    {
        using var session = ShapeModels.Open("sequence.onnx");
        var options = new OnnxMonitoringOptions { PredictionOutput = "score", ClassProbabilitiesOutput = "history_out" };
        options.ExcludedInputs.Add("history");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session, options).ToModelSchema(PredictionKind.Numeric));

        var error = Assert.Throws<ArgumentException>(() => session.WithModelWatch(monitor, options));

        Assert.Contains("'history_out' must be a float or double tensor [batch, classes], or a sequence of maps from class to probability (ZipMap); it is a sequence of tensors of Float", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_FeatureNamesInTheModelMetadata_NameTheFeatures()
    {
        using var session = ShapeModels.Open("classifier_tensor.onnx");

        Assert.Equal(["length", "width", "depth"], OnnxInputSchema.Create(session).NumericFeatures.ToArray());
    }

    [Fact]
    public void WithModelWatch_StringLabelsWithoutClassNames_AsksForThem()
    {
        using var session = ShapeModels.Open("classifier_tensor.onnx");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session).ToModelSchema(PredictionKind.Categorical));

        var error = Assert.Throws<ArgumentException>(() => session.WithModelWatch(monitor));

        Assert.Contains("'output_label' holds strings", error.Message, StringComparison.Ordinal);
        Assert.Contains("OnnxMonitoringOptions.ClassNames", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_StringLabelsAndProbabilityTensor_LogsClassIndicesAndProbabilities()
    {
        using var session = ShapeModels.Open("classifier_tensor.onnx");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session).ToModelSchema(PredictionKind.Categorical));
        var options = new OnnxMonitoringOptions { ClassNames = Classes, ClassProbabilitiesOutput = "output_probability" };
        using var monitored = session.WithModelWatch(monitor, options);

        using var outputs = monitored.Run([NamedOnnxValue.CreateFromTensor("float_input", new DenseTensor<float>(Items, [4, 3]))]);

        var labels = outputs.Single(o => o.Name == "output_label").AsTensor<string>().ToArray();
        var probabilities = outputs.Single(o => o.Name == "output_probability").AsTensor<float>().ToArray();
        Assert.Equal(labels.Select(l => (double)Array.IndexOf(Classes, l)), monitor.Rows.Select(r => r.Value));
        Assert.Equal(["cat", "dog", "fish"], labels.Take(3));
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(probabilities.Skip(i * 3).Take(3).Select(p => (double)p), monitor.Rows[i].ClassProbabilities);
        }
    }

    [Fact]
    public void Run_LabelMissingFromClassNames_LogsAMissingPrediction()
    {
        using var session = ShapeModels.Open("classifier_tensor.onnx");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session).ToModelSchema(PredictionKind.Categorical));
        using var monitored = session.WithModelWatch(monitor, new OnnxMonitoringOptions { ClassNames = ["cat", "dog"] });

        using var _ = monitored.Run([NamedOnnxValue.CreateFromTensor("float_input", new DenseTensor<float>(Items.Take(9).ToArray(), [3, 3]))]);

        Assert.Equal(0, monitor.Rows[0].Value);
        Assert.Equal(1, monitor.Rows[1].Value);
        Assert.True(double.IsNaN(monitor.Rows[2].Value)); // "fish"
        Assert.Equal(0, monitored.DroppedRuns);
    }

    [Fact]
    public void WithModelWatch_NumericPredictionFromThreeProbabilities_AsksForTheIndexThenLogsIt()
    {
        using var session = ShapeModels.Open("classifier_tensor.onnx");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session).ToModelSchema(PredictionKind.Numeric));

        var error = Assert.Throws<ArgumentException>(() => session.WithModelWatch(monitor));
        using var monitored = session.WithModelWatch(monitor, new OnnxMonitoringOptions { PredictionIndex = 2 });
        using var outputs = monitored.Run([NamedOnnxValue.CreateFromTensor("float_input", new DenseTensor<float>(Items, [4, 3]))]);

        Assert.Contains("'output_probability' has 3 values per row", error.Message, StringComparison.Ordinal);
        var probabilities = outputs.Single(o => o.Name == "output_probability").AsTensor<float>().ToArray();
        Assert.Equal(Enumerable.Range(0, 4).Select(i => (double)probabilities[(i * 3) + 2]), monitor.Rows.Select(r => r.Value));
    }
}

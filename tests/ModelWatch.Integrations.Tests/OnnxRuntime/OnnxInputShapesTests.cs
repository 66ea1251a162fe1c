using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelWatch.Integrations.Tests.TestSupport;
using ModelWatch.Monitoring;
using ModelWatch.OnnxRuntime;

namespace ModelWatch.Integrations.Tests.OnnxRuntime;

/// <summary>
/// How the inputs of real ONNX models map to features, on the small models of OnnxRuntime/Models
/// (make_models.py): images and sequences refused or mapped by a delegate, batch dimensions, element types.
/// </summary>
public sealed class OnnxInputShapesTests
{
    [Fact]
    public void Schema_Rank3Input_RefusedNamingItsShapeAndTheWaysOut()
    {
        using var session = ShapeModels.Open("rank3.onnx");

        var error = Assert.Throws<ArgumentException>(() => OnnxInputSchema.Create(session));

        Assert.Contains("The input 'image' cannot be monitored: it is a rank-3 tensor [-1, 2, 2]", error.Message, StringComparison.Ordinal);
        Assert.Contains("OnnxMonitoringOptions.ExcludedInputs.Add(\"image\")", error.Message, StringComparison.Ordinal);
        Assert.Contains("OnnxMonitoringOptions.CustomInputs[\"image\"]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddModel_Rank3Input_RefusedWhenTheModelIsRegistered()
    {
        using var session = ShapeModels.Open("rank3.onnx");
        await using var host = new ServiceCollection().AddModelWatch().Services.BuildServiceProvider();
        var watch = host.GetRequiredService<IModelWatch>();

        var error = Assert.Throws<ArgumentException>(() => watch.AddModel("camera", m => m.Features(session).Prediction(PredictionKind.Numeric)));

        Assert.Contains("'image'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddModelWatch_SequenceInput_RefusedWhenTheHostResolvesTheMonitors()
    {
        using var session = ShapeModels.Open("sequence.onnx");
        var services = new ServiceCollection();
        services.AddModelWatch().AddModel("history", m => m.Features(session).Prediction(PredictionKind.Numeric));
        await using var host = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(() => host.GetRequiredService<IModelWatch>().GetMonitor("history"));

        Assert.Contains("The input 'history' cannot be monitored: it is a sequence of tensors of Float", error.ToString(), StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(error.GetBaseException());
    }

    [Fact]
    public void Schema_Rank3InputExcluded_KeepsTheTabularInput()
    {
        using var session = ShapeModels.Open("rank3.onnx");
        var options = new OnnxMonitoringOptions();
        options.ExcludedInputs.Add("image");

        var schema = OnnxInputSchema.Create(session, options);

        Assert.Equal(["exposure"], schema.NumericFeatures.ToArray());
        Assert.Empty(schema.CategoricalFeatures);
    }

    [Fact]
    public void Run_Rank3InputMappedByADelegate_LogsItsFeaturesForEveryItemThroughBothApis()
    {
        using var session = ShapeModels.Open("rank3.onnx");
        var options = new OnnxMonitoringOptions();
        options.CustomInputs["image"] = new OnnxCustomInput(["brightness"], [], static (in OnnxInput input, int row, Span<double> numeric, Span<string?> _) =>
        {
            // Four pixels per item; the mean is the feature.
            var pixels = input.OrtValue is { } value ? value.GetTensorDataAsSpan<float>() : ((DenseTensor<float>)input.NamedValue!.Value).Buffer.Span;
            double sum = 0;
            foreach (float p in pixels.Slice(row * 4, 4))
            {
                sum += p;
            }

            numeric[0] = sum / 4;
        });
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session, options).ToModelSchema(PredictionKind.Numeric));
        using var monitored = session.WithModelWatch(monitor, options);
        float[] image = [1, 2, 3, 4, 10, 20, 30, 40];
        float[] exposure = [0.5f, -1];

        using (var outputs = monitored.Run([
            NamedOnnxValue.CreateFromTensor("image", new DenseTensor<float>(image, [2, 2, 2])),
            NamedOnnxValue.CreateFromTensor("exposure", new DenseTensor<float>(exposure, [2, 1]))]))
        {
            Assert.Equal([10.5f, 99], outputs.Single().AsTensor<float>().ToArray());
        }

        using (var imageValue = OrtValue.CreateTensorValueFromMemory(image, [2, 2, 2]))
        using (var exposureValue = OrtValue.CreateTensorValueFromMemory(exposure, [2, 1]))
        using (monitored.Run(null, ["image", "exposure"], [imageValue, exposureValue], ["score"]))
        {
        }

        Assert.Equal("score", monitored.PredictionOutput);
        Assert.Equal(0, monitored.DroppedRuns);
        Assert.Equal(["exposure", "brightness"], monitor.Schema.NumericFeatures.ToArray()); // custom inputs come last
        double[][] expected = [[0.5, 2.5], [-1, 25]];
        Assert.Equal([.. expected, .. expected], monitor.Rows.Select(r => r.Features));
        Assert.Equal([10.5, 99, 10.5, 99], monitor.Rows.Select(r => r.Value));
    }

    [Fact]
    public void WithModelWatch_Rank3PredictionOutput_RefusedNamingItsShape()
    {
        using var session = ShapeModels.Open("rank3_output.onnx");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session).ToModelSchema(PredictionKind.Numeric));

        var error = Assert.Throws<ArgumentException>(() => session.WithModelWatch(monitor));

        Assert.Contains("The prediction output 'grid' is a rank-3 tensor [-1, 2, 2], which holds more than a row of values per item", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DelegateThatThrows_CountsTheRunAndReturnsTheOutputs()
    {
        using var session = ShapeModels.Open("rank3.onnx");
        var options = new OnnxMonitoringOptions();
        options.CustomInputs["image"] = new OnnxCustomInput(["brightness"], [], static (in OnnxInput _, int _, Span<double> _, Span<string?> _) =>
            throw new InvalidOperationException("a bug in the user's mapper"));
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session, options).ToModelSchema(PredictionKind.Numeric));
        using var monitored = session.WithModelWatch(monitor, options);

        using var outputs = monitored.Run([
            NamedOnnxValue.CreateFromTensor("image", new DenseTensor<float>(new float[4], [1, 2, 2])),
            NamedOnnxValue.CreateFromTensor("exposure", new DenseTensor<float>(new float[] { 3 }, [1, 1]))]);

        Assert.Equal([3f], outputs.Single().AsTensor<float>().ToArray());
        Assert.Equal(1, monitored.DroppedRuns);
        Assert.Empty(monitor.Rows);
    }

    [Fact]
    public void Schema_SequenceInput_RefusedNamingItsType()
    {
        using var session = ShapeModels.Open("sequence.onnx");

        var error = Assert.Throws<ArgumentException>(() => OnnxInputSchema.Create(session));

        Assert.Contains("The input 'history' cannot be monitored: it is a sequence of tensors of Float, which has no feature mapping", error.Message, StringComparison.Ordinal);
        Assert.Contains("CustomInputs[\"history\"]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SequenceInputMappedByADelegate_LogsTheSequenceLengthWithEveryItem()
    {
        using var session = ShapeModels.Open("sequence.onnx");
        var options = new OnnxMonitoringOptions { PredictionOutput = "score" };
        options.CustomInputs["history"] = new OnnxCustomInput(["history_length"], [], static (in OnnxInput input, int _, Span<double> numeric, Span<string?> _) =>
            numeric[0] = input.OrtValue is { } value ? value.GetValueCount() : ((IEnumerable<NamedOnnxValue>)input.NamedValue!.Value).Count());
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session, options).ToModelSchema(PredictionKind.Numeric));
        using var monitored = session.WithModelWatch(monitor, options);
        var history = NamedOnnxValue.CreateFromSequence("history", new[]
        {
            NamedOnnxValue.CreateFromTensor("", new DenseTensor<float>(new float[] { 1 }, [1])),
            NamedOnnxValue.CreateFromTensor("", new DenseTensor<float>(new float[] { 2, 3 }, [2])),
            NamedOnnxValue.CreateFromTensor("", new DenseTensor<float>(new float[] { 4 }, [1])),
        });

        using var outputs = monitored.Run([history, NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(new float[] { 2, 5 }, [2, 1]))]);

        Assert.Equal([6f, 15], outputs.Single(o => o.Name == "score").AsTensor<float>().ToArray());
        Assert.Equal(0, monitored.DroppedRuns);
        Assert.Equal<double[]>([[2, 3], [5, 3]], monitor.Rows.Select(r => r.Features));
        Assert.Equal([6.0, 15], monitor.Rows.Select(r => r.Value));
    }

    [Fact]
    public void WithModelWatch_SequenceAsThePredictionOutput_RefusedNamingTheOtherOutputs()
    {
        using var session = ShapeModels.Open("sequence.onnx");
        var options = new OnnxMonitoringOptions { PredictionOutput = "history_out" };
        options.ExcludedInputs.Add("history");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session, options).ToModelSchema(PredictionKind.Numeric));

        var error = Assert.Throws<ArgumentException>(() => session.WithModelWatch(monitor, options));

        Assert.Contains("The prediction output 'history_out' is a sequence of tensors of Float, which holds no prediction per item", error.Message, StringComparison.Ordinal);
        Assert.Contains("score, history_out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithModelWatch_TwoOutputsNoneADefault_AsksForThePredictionOutput()
    {
        using var session = ShapeModels.Open("sequence.onnx");
        var options = new OnnxMonitoringOptions();
        options.ExcludedInputs.Add("history");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session, options).ToModelSchema(PredictionKind.Numeric));

        var error = Assert.Throws<ArgumentException>(() => session.WithModelWatch(monitor, options));

        Assert.Contains("OnnxMonitoringOptions.PredictionOutput", error.Message, StringComparison.Ordinal);
        Assert.Contains("(score, history_out)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_MapInput_RefusedNamingItsTypes()
    {
        using var session = ShapeModels.Open("map_input.onnx");

        var error = Assert.Throws<ArgumentException>(() => OnnxInputSchema.Create(session));

        Assert.Contains("The input 'features' cannot be monitored: it is a map (String to Float), which has no feature mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MapInputMappedByADelegateBesideAScalar_LogsOneRow()
    {
        using var session = ShapeModels.Open("map_input.onnx");
        var options = new OnnxMonitoringOptions { PredictionIndex = 0 };

        // A map is a pair of tensors, keys (0) and values (1). Through the OrtValue API both can be
        // read; ONNX Runtime's NamedOnnxValue.CreateFromMap exposes the values only.
        options.CustomInputs["features"] = new OnnxCustomInput(["apples", "pears"], [], static (in OnnxInput input, int _, Span<double> numeric, Span<string?> _) =>
        {
            using var keys = input.OrtValue!.GetValue(0, OrtAllocator.DefaultInstance);
            using var values = input.OrtValue.GetValue(1, OrtAllocator.DefaultInstance);
            var counts = values.GetTensorDataAsSpan<float>();
            numeric.Fill(double.NaN);
            for (int i = 0; i < counts.Length; i++)
            {
                int feature = keys.GetStringElement(i) switch { "apples" => 0, "pears" => 1, _ => -1 };
                if (feature >= 0)
                {
                    numeric[feature] = counts[i];
                }
            }
        });
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session, options).ToModelSchema(PredictionKind.Numeric));
        using var monitored = session.WithModelWatch(monitor, options);
        var keys = OrtValue.CreateFromStringTensor(new DenseTensor<string>(new[] { "apples", "kiwis" }, [2]));
        var values = OrtValue.CreateTensorValueFromMemory(new float[] { 3, 9 }, [2]);
        using var features = OrtValue.CreateMap(ref keys, ref values);
        using var scale = OrtValue.CreateTensorValueFromMemory(new float[] { 2 }, []);

        using var outputs = monitored.Run(null, ["features", "scale"], [features, scale], ["vector"]);

        Assert.Equal([6f, 0], outputs[0].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal(0, monitored.DroppedRuns);
        var row = Assert.Single(monitor.Rows);
        Assert.Equal([2, 3, double.NaN], row.Features); // the scalar is a built-in feature; custom ones come last
        Assert.Equal(6, row.Value);
    }

    [Fact]
    public void Schema_RowLengthNotFixed_RefusedNamingTheInput()
    {
        using var session = ShapeModels.Open("dynamic_dims.onnx");

        var error = Assert.Throws<ArgumentException>(() => OnnxInputSchema.Create(session));

        Assert.Contains("The input 'ragged' cannot be monitored: it is a tensor [-1, -1] whose row length is not fixed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_SymbolicUnknownAndFixedDimensions_NamesEachValueOfARow()
    {
        using var session = ShapeModels.Open("dynamic_dims.onnx");
        var options = new OnnxMonitoringOptions();
        options.ExcludedInputs.Add("ragged");

        var schema = OnnxInputSchema.Create(session, options);

        Assert.Equal(["a[0]", "a[1]", "a[2]", "b[0]", "b[1]", "c", "fixed[0]", "fixed[1]"], schema.NumericFeatures.ToArray());
    }

    [Fact]
    public void Run_BatchOfThree_LogsOneRowPerItemAndTheSingleRowInputWithEach()
    {
        using var session = ShapeModels.Open("dynamic_dims.onnx");
        var options = new OnnxMonitoringOptions();
        options.CustomInputs["ragged"] = new OnnxCustomInput(["ragged_width"], [], static (in OnnxInput input, int _, Span<double> numeric, Span<string?> _) =>
            numeric[0] = input.OrtValue!.GetTensorTypeAndShape().Shape[1]);
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session, options).ToModelSchema(PredictionKind.Numeric));
        using var monitored = session.WithModelWatch(monitor, options);
        using var a = OrtValue.CreateTensorValueFromMemory(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, [3, 3]);
        using var b = OrtValue.CreateTensorValueFromMemory(new float[] { 10, 20, 30, 40, 50, 60 }, [3, 2]);
        using var c = OrtValue.CreateTensorValueFromMemory(new double[] { 0.25, 0.5, 0.75 }, [3]);
        using var fixedRow = OrtValue.CreateTensorValueFromMemory(new float[] { 100, 200 }, [1, 2]);
        using var ragged = OrtValue.CreateTensorValueFromMemory(new float[15], [3, 5]);

        using var outputs = monitored.Run(null, ["a", "b", "c", "fixed", "ragged"], [a, b, c, fixedRow, ragged], ["score"]);

        Assert.Equal([336.25f, 385.5f, 434.75f], outputs[0].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal(0, monitored.DroppedRuns);
        Assert.Equal<double[]>(
            [[1, 2, 3, 10, 20, 0.25, 100, 200, 5], [4, 5, 6, 30, 40, 0.5, 100, 200, 5], [7, 8, 9, 50, 60, 0.75, 100, 200, 5]],
            monitor.Rows.Select(r => r.Features));
        Assert.Equal([336.25, 385.5, 434.75], monitor.Rows.Select(r => r.Value));
    }

    [Fact]
    public void Schema_Int64BoolAndStringInputs_NumericThenCategoricalInInputOrder()
    {
        using var session = ShapeModels.Open("typed_inputs.onnx");

        var schema = OnnxInputSchema.Create(session);
        var withoutFlags = OnnxInputSchema.Create(session, new OnnxMonitoringOptions { BooleansAsCategories = false });

        Assert.Equal(["count[0]", "count[1]"], schema.NumericFeatures.ToArray());
        Assert.Equal(["flag", "city"], schema.CategoricalFeatures.ToArray());
        Assert.Equal(["city"], withoutFlags.CategoricalFeatures.ToArray());
    }

    [Fact]
    public void Run_Int64BoolAndStringInputs_LogsTheValuesAsTheyWereGiven()
    {
        using var session = ShapeModels.Open("typed_inputs.onnx");
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session).ToModelSchema(PredictionKind.Numeric));
        using var monitored = session.WithModelWatch(monitor);
        const long Beyond53Bits = (1L << 53) + 1; // no double holds it: logged as the nearest, 2^53

        using var outputs = monitored.Run([
            NamedOnnxValue.CreateFromTensor("count", new DenseTensor<long>(new long[] { 3, -4, Beyond53Bits, 0 }, [2, 2])),
            NamedOnnxValue.CreateFromTensor("flag", new DenseTensor<bool>(new[] { true, false }, [2, 1])),
            NamedOnnxValue.CreateFromTensor("city", new DenseTensor<string>(new[] { "Lima", "Quito" }, [2, 1]))]);

        Assert.Equal(0, monitored.DroppedRuns);
        Assert.Equal<double[]>([[3, -4], [(double)Beyond53Bits, 0]], monitor.Rows.Select(r => r.Features));
        Assert.Equal(9007199254740992.0, monitor.Rows[1].Features[0]);
        Assert.Equal<string?[]>([["true", "Lima"], ["false", "Quito"]], monitor.Rows.Select(r => r.Categories));
        Assert.Equal(outputs.Single().AsTensor<float>().Select(v => (double)v), monitor.Rows.Select(r => r.Value));
    }

    [Fact]
    public void Run_Int64BoolAndStringOrtValues_LogTheSameAsNamedValues()
    {
        using var session = ShapeModels.Open("typed_inputs.onnx");
        var options = new OnnxMonitoringOptions { BooleansAsCategories = false };
        var monitor = new RecordingMonitor(OnnxInputSchema.Create(session, options).ToModelSchema(PredictionKind.None));
        using var monitored = session.WithModelWatch(monitor, options);
        using var count = OrtValue.CreateTensorValueFromMemory(new long[] { 7, 8, 9, 10, 11, 12 }, [3, 2]);
        using var flag = OrtValue.CreateTensorValueFromMemory(new[] { false, true, true }, [3, 1]);
        using var city = OrtValue.CreateFromStringTensor(new DenseTensor<string>(new[] { "Pune", "Oslo", "" }, [3, 1]));

        using var outputs = monitored.Run(null, ["count", "flag", "city"], [count, flag, city], ["score"]);

        Assert.Null(monitored.PredictionOutput);
        Assert.Equal([18f, 21, 24], outputs[0].GetTensorDataAsSpan<float>().ToArray());
        Assert.Equal<double[]>([[7, 8], [9, 10], [11, 12]], monitor.Rows.Select(r => r.Features));
        Assert.Equal<string?[]>([["Pune"], ["Oslo"], [""]], monitor.Rows.Select(r => r.Categories));
        Assert.All(monitor.Rows, r => Assert.True(double.IsNaN(r.Value)));
    }

    [Fact]
    public void Schema_Float16Input_RefusedNamingTheElementType()
    {
        using var session = ShapeModels.Open("float16.onnx");

        var error = Assert.Throws<ArgumentException>(() => OnnxInputSchema.Create(session));

        Assert.Contains("The input 'half' cannot be monitored: it is a tensor of Float16, which has no feature mapping", error.Message, StringComparison.Ordinal);
    }
}

using ModelWatch.Monitoring;

namespace ModelWatch.Extensions.AI.Tests.TestSupport;

/// <summary>A monitor that keeps copies of the rows logged into it, so a test can read the descriptors.</summary>
internal sealed class RecordingMonitor(ModelSchema schema) : IModelMonitor
{
    public List<(double[] Numeric, string?[] Categorical)> Rows { get; } = [];

    public Exception? Failure { get; set; }

    public string ModelName => "test";

    public string ModelVersion => "1";

    public ModelSchema Schema => schema;

    public void Log(in PredictionEntry prediction)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        Rows.Add((prediction.Features.ToArray(), prediction.Categories.ToArray()));
    }

    public (double[] Numeric, string?[] Categorical) Single => Assert.Single(Rows);

    public double Value(string name)
    {
        var row = Single;
        int i = Array.IndexOf([.. ChatDescriptorSchema.BuiltInNumeric, .. ChatDescriptorSchema.TokenCounts], name);
        return i >= 0 ? row.Numeric[i] : throw new ArgumentException(name);
    }

    public string? Category(string name) => Single.Categorical[Array.IndexOf(ChatDescriptorSchema.Categorical, name)];

    public void RecordOutcome(string predictionId, double actual) => throw new NotSupportedException();

    public void RecordOutcome(string predictionId, double actual, DateTimeOffset timestamp) => throw new NotSupportedException();

    public void LogInput<TInput>(TInput input, double prediction) => throw new NotSupportedException();

    public PredictionScope StartPrediction() => throw new NotSupportedException();
}

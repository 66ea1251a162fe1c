using ModelWatch.Monitoring;

namespace ModelWatch.Integrations.Tests.TestSupport;

/// <summary>A monitor that keeps a copy of every logged row, so that tests can compare it with the inputs.</summary>
internal sealed class RecordingMonitor(ModelSchema schema) : IModelMonitor
{
    public List<LoggedRow> Rows { get; } = [];

    public string ModelName => "recording";

    public string ModelVersion => "1";

    public ModelSchema Schema => schema;

    public void Log(in PredictionEntry prediction) => Rows.Add(new LoggedRow(
        prediction.Features.ToArray(), prediction.Categories.ToArray(), prediction.Value, prediction.ClassProbabilities.ToArray(), prediction.Id));

    public void LogInput<TInput>(TInput input, double prediction) => throw new NotSupportedException();

    public void RecordOutcome(string predictionId, double actual) => throw new NotSupportedException();

    public void RecordOutcome(string predictionId, double actual, DateTimeOffset timestamp) => throw new NotSupportedException();

    public PredictionScope StartPrediction() => throw new NotSupportedException();
}

internal sealed record LoggedRow(double[] Features, string?[] Categories, double Value, double[] ClassProbabilities, string? Id);

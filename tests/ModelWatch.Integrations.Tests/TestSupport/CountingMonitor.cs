using ModelWatch.Monitoring;

namespace ModelWatch.Integrations.Tests.TestSupport;

/// <summary>A monitor that only counts: for allocation tests of the wrappers' own logging path.</summary>
internal sealed class CountingMonitor(ModelSchema schema) : IModelMonitor
{
    public long Count { get; private set; }

    public string ModelName => "counting";

    public string ModelVersion => "1";

    public ModelSchema Schema => schema;

    public void Log(in PredictionEntry prediction) => Count++;

    public void LogInput<TInput>(TInput input, double prediction) => throw new NotSupportedException();

    public void RecordOutcome(string predictionId, double actual) => throw new NotSupportedException();

    public void RecordOutcome(string predictionId, double actual, DateTimeOffset timestamp) => throw new NotSupportedException();

    public PredictionScope StartPrediction() => throw new NotSupportedException();
}

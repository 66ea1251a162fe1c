namespace ModelWatch.Monitoring;

/// <summary>
/// The handle <see cref="IModelWatch.GetMonitor(string)"/> returns: it forwards to the model's
/// current version, so a handle resolved once keeps working after a new version is rolled out.
/// </summary>
internal sealed class CurrentVersionMonitor(ModelMonitor initial) : IModelMonitor
{
    private volatile ModelMonitor _current = initial;

    public ModelMonitor Current
    {
        get => _current;
        set => _current = value;
    }

    public string ModelName => _current.ModelName;

    public string ModelVersion => _current.ModelVersion;

    public ModelSchema Schema => _current.Schema;

    public void Log(ReadOnlySpan<double> features, double prediction) => _current.Log(features, prediction);

    public void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction) => _current.Log(features, categories, prediction);

    public void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, DateTimeOffset timestamp) =>
        _current.Log(features, categories, prediction, timestamp);

    public void LogInput<TInput>(TInput input, double prediction) => _current.LogInput(input, prediction);

    public PredictionScope StartPrediction() => _current.StartPrediction();
}

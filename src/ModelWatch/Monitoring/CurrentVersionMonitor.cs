namespace ModelWatch.Monitoring;

/// <summary>
/// The handle <see cref="IModelWatch.GetMonitor(string)"/> returns: it forwards to the model's
/// current version, so a handle resolved once keeps working after a new version is rolled out.
/// </summary>
/// <remarks>
/// Outcomes go to the version that logged the prediction: a label arriving after a roll-out for a
/// prediction of the previous version is joined there, not counted as unknown by the new one.
/// </remarks>
internal sealed class CurrentVersionMonitor(ModelMonitor initial) : IModelMonitor
{
    private volatile ModelMonitor _current = initial;
    private volatile ModelMonitor[] _earlier = [];

    public ModelMonitor Current
    {
        get => _current;
        set
        {
            _earlier = [_current, .. _earlier];
            _current = value;
        }
    }

    /// <summary>Forgets an earlier version (retired): its outcomes are no longer looked up there.</summary>
    /// <summary>Every version this handle knows: the current one, then the earlier ones not yet retired.</summary>
    public ModelMonitor[] Versions => [_current, .. _earlier];

    public void Forget(ModelMonitor earlier) => _earlier = [.. _earlier.Where(m => !ReferenceEquals(m, earlier))];

    public string ModelName => _current.ModelName;

    public string ModelVersion => _current.ModelVersion;

    public ModelSchema Schema => _current.Schema;

    public void Log(in PredictionEntry prediction) => _current.Log(in prediction);

    public void RecordOutcome(string predictionId, double actual) => VersionHolding(predictionId).RecordOutcome(predictionId, actual);

    public void RecordOutcome(string predictionId, double actual, DateTimeOffset timestamp) =>
        VersionHolding(predictionId).RecordOutcome(predictionId, actual, timestamp);

    public void LogInput<TInput>(TInput input, double prediction) => _current.LogInput(input, prediction);

    public PredictionScope StartPrediction() => _current.StartPrediction();

    private ModelMonitor VersionHolding(string? predictionId)
    {
        var current = _current;
        var earlier = _earlier;
        if (earlier.Length == 0 || predictionId is null || current.Outcomes?.IsPending(predictionId) == true)
        {
            return current;
        }

        foreach (var version in earlier)
        {
            if (version.Outcomes?.IsPending(predictionId) == true)
            {
                return version;
            }
        }

        return current;
    }
}

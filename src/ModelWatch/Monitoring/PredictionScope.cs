namespace ModelWatch.Monitoring;

/// <summary>
/// Times one inference call for response-time and error-rate monitoring:
/// <c>using var p = monitor.StartPrediction(); var y = model.Predict(x); p.Complete(x, y);</c>
/// A scope disposed without <c>Complete</c> (inference threw) counts as a failed prediction.
/// </summary>
/// <remarks>A struct, so it allocates nothing; complete or dispose it once, on one thread.</remarks>
public struct PredictionScope : IDisposable
{
    private readonly ModelMonitor? _monitor;
    private readonly long _start;
    private bool _done;

    internal PredictionScope(ModelMonitor monitor, long start)
    {
        _monitor = monitor;
        _start = start;
        _done = false;
    }

    /// <summary>Records the prediction and its latency.</summary>
    /// <param name="features">The numeric features.</param>
    /// <param name="prediction">The prediction.</param>
    public void Complete(ReadOnlySpan<double> features, double prediction) => Complete(features, [], prediction);

    /// <summary>Records the prediction and its latency.</summary>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="prediction">The prediction.</param>
    public void Complete(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction)
    {
        if (_done || _monitor is null)
        {
            return;
        }

        _done = true;
        _monitor.LogCompleted(features, categories, prediction, _start);
    }

    /// <summary>Records a failed prediction and its latency.</summary>
    public void Fail()
    {
        if (_done || _monitor is null)
        {
            return;
        }

        _done = true;
        _monitor.RecordFailure(_start);
    }

    /// <summary>Counts the prediction as failed unless it was completed.</summary>
    public void Dispose() => Fail();
}

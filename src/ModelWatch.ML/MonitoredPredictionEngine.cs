using Microsoft.ML;
using ModelWatch.ML.Internal;
using ModelWatch.Monitoring;

namespace ModelWatch.ML;

/// <summary>
/// An ML.NET <see cref="PredictionEngine{TSrc, TDst}"/> whose predictions are logged to a monitor:
/// each <c>Predict</c> runs the engine, then logs the input's features and the output's prediction.
/// Create it with <see cref="PredictionEngineExtensions.WithModelWatch"/>.
/// </summary>
/// <typeparam name="TInput">The engine's input class.</typeparam>
/// <typeparam name="TOutput">The engine's output class.</typeparam>
/// <remarks>
/// Like the engine it wraps, an instance is not thread-safe: use one per thread, or one per request
/// from a pool. Logging allocates nothing after the first call (except for text columns held as
/// <c>ReadOnlyMemory&lt;char&gt;</c>) and never throws: a failure while reading the features or
/// the prediction is counted in <see cref="DroppedPredictions"/>. A failure of the model itself is
/// the engine's exception, passed on unchanged and not logged.
/// </remarks>
public sealed class MonitoredPredictionEngine<TInput, TOutput>
    where TInput : class
    where TOutput : class, new()
{
    private readonly MLInputSchema<TInput> _schema;
    private readonly PredictionReader<TOutput> _prediction;
    private readonly double[] _numeric;
    private readonly string?[] _categorical;
    private double[] _probabilities = [];
    private long _dropped;

    internal MonitoredPredictionEngine(PredictionEngine<TInput, TOutput> engine, IModelMonitor monitor, MLMonitoringOptions? options)
    {
        Engine = engine;
        Monitor = monitor;
        options ??= new MLMonitoringOptions();
        _schema = MLInputSchema.Create<TInput>(options);
        var schema = monitor.Schema;
        if (!schema.NumericFeatures.SequenceEqual(_schema.NumericFeatures, StringComparer.Ordinal)
            || !schema.CategoricalFeatures.SequenceEqual(_schema.CategoricalFeatures, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The model '{monitor.ModelName}' is monitored with numeric features [{string.Join(", ", schema.NumericFeatures)}] and categorical features [{string.Join(", ", schema.CategoricalFeatures)}], "
                + $"but {typeof(TInput).Name} has numeric [{string.Join(", ", _schema.NumericFeatures)}] and categorical [{string.Join(", ", _schema.CategoricalFeatures)}]. "
                + "Register the model with .Features<TInput>() (ModelWatch.ML) so that both come from the input class.", nameof(monitor));
        }

        _prediction = PredictionReader<TOutput>.Create(schema.Prediction, options);
        _numeric = new double[_schema.NumericFeatures.Length];
        _categorical = new string?[_schema.CategoricalFeatures.Length];
    }

    /// <summary>Gets the wrapped engine (its predictions through it are not logged).</summary>
    public PredictionEngine<TInput, TOutput> Engine { get; }

    /// <summary>Gets the monitor the predictions are logged to.</summary>
    public IModelMonitor Monitor { get; }

    /// <summary>Gets the features this engine logs, taken from <typeparamref name="TInput"/>.</summary>
    public MLInputSchema<TInput> Schema => _schema;

    /// <summary>Gets how many predictions were made but could not be logged (their features or prediction could not be read).</summary>
    public long DroppedPredictions => Interlocked.Read(ref _dropped);

    /// <summary>Runs the model on <paramref name="input"/> and logs the prediction.</summary>
    /// <param name="input">The input.</param>
    /// <returns>The engine's output, unchanged.</returns>
    public TOutput Predict(TInput input) => Predict(input, predictionId: null);

    /// <summary>Runs the model and logs the prediction under <paramref name="predictionId"/>, so that its outcome can be recorded later.</summary>
    /// <param name="input">The input.</param>
    /// <param name="predictionId">The prediction's id (null: not held for an outcome).</param>
    /// <returns>The engine's output, unchanged.</returns>
    public TOutput Predict(TInput input, string? predictionId)
    {
        var output = Engine.Predict(input);
        Log(input, output, predictionId);
        return output;
    }

    /// <summary>Runs the model into an output object the caller reuses, and logs the prediction.</summary>
    /// <param name="input">The input.</param>
    /// <param name="output">The output object, filled by the engine.</param>
    public void Predict(TInput input, ref TOutput output)
    {
        Engine.Predict(input, ref output);
        Log(input, output, predictionId: null);
    }

    /// <summary>Logs a prediction the engine has already made (for callers that run the engine themselves).</summary>
    /// <param name="input">The input.</param>
    /// <param name="output">The engine's output for it.</param>
    /// <param name="predictionId">The prediction's id (null: not held for an outcome).</param>
    public void Log(TInput input, TOutput output, string? predictionId = null)
    {
        int classes;
        double value;
        try
        {
            _schema.Map(input, _numeric, _categorical);
            value = _prediction.Value(output);
            classes = _prediction.Probabilities(output, ref _probabilities);
        }
#pragma warning disable CA1031 // The logging path never throws into the caller: a row it cannot read is counted.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        Monitor.Log(new PredictionEntry
        {
            Features = _numeric,
            Categories = _categorical,
            Value = value,
            ClassProbabilities = _probabilities.AsSpan(0, classes),
            Id = predictionId,
        });
    }
}

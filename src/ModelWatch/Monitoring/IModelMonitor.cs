namespace ModelWatch.Monitoring;

/// <summary>
/// The logging hook of one model: resolve it once (<c>IModelWatch.GetMonitor("fraud")</c>) and call
/// <c>Log</c> beside each prediction.
/// </summary>
/// <remarks>
/// <para>
/// The convenience overloads of <c>Log</c> are extension methods (<see cref="ModelMonitorExtensions"/>)
/// over the one <see cref="Log(in PredictionEntry)"/>. ModelWatch implements this interface; it is
/// not meant to be implemented elsewhere, so members may be added to it in minor versions.
/// </para>
/// <para>
/// Every method is safe from any number of threads, allocates nothing after warm-up, never blocks
/// on I/O and never throws on bad data: a wrong feature count is counted as a schema violation, NaN
/// as missing, ±Infinity as non-finite, an unknown category as unseen (unless the model is in
/// strict mode, for development, where bad input throws <see cref="ArgumentException"/>).
/// </para>
/// <para>
/// Numeric features come in the order of <see cref="ModelSchema.NumericFeatures"/>, categorical
/// ones in the order of <see cref="ModelSchema.CategoricalFeatures"/>. For a categorical prediction
/// pass the class index (0, 1, 2 …).
/// </para>
/// </remarks>
public interface IModelMonitor
{
    /// <summary>Gets the model's name.</summary>
    string ModelName { get; }

    /// <summary>Gets the model's version.</summary>
    string ModelVersion { get; }

    /// <summary>Gets the model's schema.</summary>
    ModelSchema Schema { get; }

    /// <summary>Records a prediction: the one logging call every overload of <see cref="ModelMonitorExtensions"/> makes.</summary>
    /// <param name="prediction">The features, the prediction and, optionally, its id, class probabilities and time.</param>
    /// <exception cref="InvalidOperationException">
    /// Class probabilities for a model that is not declared a multiclass classifier (a configuration error).
    /// </exception>
    void Log(in PredictionEntry prediction);

    /// <summary>
    /// Records the outcome (ground truth) of a prediction logged earlier under <paramref name="predictionId"/>.
    /// It counts in the window where the prediction was made and in the window where it arrives. An
    /// outcome that arrives before its prediction is held until the prediction comes (within the
    /// time-to-live); an unknown id, a second outcome or an invalid value is counted, never thrown.
    /// </summary>
    /// <param name="predictionId">The prediction's id.</param>
    /// <param name="actual">The true value: 0 or 1 (binary), the class index (multiclass), the value (regression).</param>
    /// <exception cref="InvalidOperationException">The model declares no task (a configuration error).</exception>
    void RecordOutcome(string predictionId, double actual);

    /// <summary>Records an outcome that arrived at <paramref name="timestamp"/> (replays and backfills).</summary>
    /// <param name="predictionId">The prediction's id.</param>
    /// <param name="actual">The true value.</param>
    /// <param name="timestamp">When the outcome became known.</param>
    /// <exception cref="InvalidOperationException">The model declares no task (a configuration error).</exception>
    void RecordOutcome(string predictionId, double actual, DateTimeOffset timestamp);

    /// <summary>Records a prediction for a typed input, mapped by the <see cref="FeatureMapper{TInput}"/> registered for <typeparamref name="TInput"/>.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <param name="input">The input.</param>
    /// <param name="prediction">The prediction.</param>
    /// <exception cref="InvalidOperationException">No mapper is registered for <typeparamref name="TInput"/> (a configuration error).</exception>
    void LogInput<TInput>(TInput input, double prediction);

    /// <summary>
    /// Starts timing an inference call: complete the scope with the features and prediction, or
    /// dispose it without completing (e.g. when inference throws) to count a failed prediction.
    /// </summary>
    /// <returns>The scope; a struct, so starting one allocates nothing.</returns>
    PredictionScope StartPrediction();
}

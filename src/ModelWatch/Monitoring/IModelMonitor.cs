namespace ModelWatch.Monitoring;

/// <summary>
/// The logging hook of one model: resolve it once (<c>IModelWatch.GetMonitor("fraud")</c>) and call
/// <c>Log</c> beside each prediction.
/// </summary>
/// <remarks>
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

    /// <summary>Records a prediction of a model with numeric features only.</summary>
    /// <param name="features">The numeric features.</param>
    /// <param name="prediction">The prediction.</param>
    void Log(ReadOnlySpan<double> features, double prediction);

    /// <summary>Records a prediction.</summary>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="prediction">The prediction.</param>
    void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction);

    /// <summary>Records a prediction made at <paramref name="timestamp"/> (replays and backfills land in that time's window).</summary>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="prediction">The prediction.</param>
    /// <param name="timestamp">When the prediction was made.</param>
    void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, DateTimeOffset timestamp);

    /// <summary>
    /// Records a prediction under an id, so that its outcome can be joined later with
    /// <see cref="RecordOutcome(string, double)"/> (the model must declare a task, e.g. <c>.BinaryClassification()</c>).
    /// </summary>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="prediction">The prediction: a binary model's score, a multiclass model's class index, a regression value.</param>
    /// <param name="predictionId">The prediction's id (e.g. a transaction id); null records the prediction without holding it for an outcome.</param>
    void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, string? predictionId);

    /// <summary>Records a prediction made at <paramref name="timestamp"/> under an id.</summary>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="prediction">The prediction.</param>
    /// <param name="predictionId">The prediction's id, or null.</param>
    /// <param name="timestamp">When the prediction was made.</param>
    void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, string? predictionId, DateTimeOffset timestamp);

    /// <summary>
    /// Records a multiclass prediction as its class-probability vector (one entry per class): the
    /// predicted class is the most probable one, and log loss, Brier score and calibration become computable.
    /// </summary>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="classProbabilities">The probability of each class.</param>
    /// <param name="predictionId">The prediction's id, or null.</param>
    /// <exception cref="InvalidOperationException">The model is not declared a multiclass classifier (a configuration error).</exception>
    void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, ReadOnlySpan<double> classProbabilities, string? predictionId);

    /// <summary>Records a multiclass prediction made at <paramref name="timestamp"/> as its class-probability vector.</summary>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="classProbabilities">The probability of each class.</param>
    /// <param name="predictionId">The prediction's id, or null.</param>
    /// <param name="timestamp">When the prediction was made.</param>
    /// <exception cref="InvalidOperationException">The model is not declared a multiclass classifier (a configuration error).</exception>
    void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, ReadOnlySpan<double> classProbabilities, string? predictionId, DateTimeOffset timestamp);

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

namespace ModelWatch.ML;

/// <summary>Builds <see cref="MLInputSchema{TInput}"/> instances.</summary>
public static class MLInputSchema
{
    /// <summary>Builds the monitored features of <typeparamref name="TInput"/>, once (keep the result).</summary>
    /// <typeparam name="TInput">The class the model's <c>PredictionEngine</c> takes.</typeparam>
    /// <param name="options">Excluded columns; null excludes a column named <c>Label</c>.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="ArgumentException">
    /// A column whose type cannot be monitored (the message names it and says what to do), a
    /// duplicate column name, or no feature at all.
    /// </exception>
    public static MLInputSchema<TInput> Create<TInput>(MLMonitoringOptions? options = null) =>
        MLInputSchema<TInput>.Build(options ?? new MLMonitoringOptions());
}

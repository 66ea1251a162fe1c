using ModelWatch.ML;

namespace ModelWatch.Monitoring;

/// <summary>Registers a model's features from its ML.NET input class.</summary>
public static class MLModelBuilderExtensions
{
    /// <summary>
    /// Declares the features of <typeparamref name="TInput"/> (see <see cref="MLInputSchema{TInput}"/>)
    /// and registers its mapper, so that <c>monitor.LogInput(input, prediction)</c> and the ML.NET
    /// wrappers need no hand-written copying.
    /// </summary>
    /// <typeparam name="TInput">The model's input class.</typeparam>
    /// <param name="builder">The model's builder.</param>
    /// <param name="options">Excluded columns; null excludes a column named <c>Label</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">A column of <typeparamref name="TInput"/> cannot be monitored (the message names it).</exception>
    public static ModelBuilder Features<TInput>(this ModelBuilder builder, MLMonitoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var schema = MLInputSchema.Create<TInput>(options);
        return builder.Numeric([.. schema.NumericFeatures]).Categorical([.. schema.CategoricalFeatures]).Map(schema.Mapper);
    }
}

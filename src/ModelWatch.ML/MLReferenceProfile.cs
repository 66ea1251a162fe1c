using Microsoft.ML;
using ModelWatch.ML.Internal;
using ModelWatch.Monitoring;

namespace ModelWatch.ML;

/// <summary>Reference profiles built from ML.NET data: the training data and the model's answers to it, in one line.</summary>
public static class MLReferenceProfile
{
    /// <summary>
    /// Profiles every row of <paramref name="data"/> with the prediction <paramref name="model"/>
    /// makes for it: the reference a monitor registered with <c>.Features&lt;TInput&gt;()</c> compares with.
    /// </summary>
    /// <typeparam name="TInput">The model's input class (the rows of <paramref name="data"/> are read as it).</typeparam>
    /// <typeparam name="TOutput">The model's output class.</typeparam>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="data">The reference data, usually the training data.</param>
    /// <param name="model">The trained model (the transformer chain that <c>Fit</c> returned).</param>
    /// <param name="prediction">How the prediction is monitored (as the model is registered).</param>
    /// <param name="options">Excluded columns and the prediction's column; null: the defaults.</param>
    /// <returns>The reference profile.</returns>
    /// <exception cref="ArgumentException">A column cannot be monitored or no output column fits the prediction.</exception>
    public static ReferenceProfile FromDataView<TInput, TOutput>(MLContext mlContext, IDataView data, ITransformer model, PredictionKind prediction, MLMonitoringOptions? options = null)
        where TInput : class, new()
        where TOutput : class, new()
    {
        var schema = MLInputSchema.Create<TInput>(options);
        var builder = new ReferenceProfileBuilder(schema.ToModelSchema(prediction));
        builder.Add<TInput, TOutput>(mlContext, data, model, options);
        return builder.Build();
    }

    /// <summary>
    /// Adds every row of <paramref name="data"/>, with the prediction <paramref name="model"/> makes
    /// for it, to <paramref name="builder"/> (whose schema must be that of <typeparamref name="TInput"/>;
    /// use this overload to choose the builder's bins and limits).
    /// </summary>
    /// <typeparam name="TInput">The model's input class.</typeparam>
    /// <typeparam name="TOutput">The model's output class.</typeparam>
    /// <param name="builder">The reference builder.</param>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="data">The reference data.</param>
    /// <param name="model">The trained model.</param>
    /// <param name="options">Excluded columns and the prediction's column; null: the defaults.</param>
    /// <returns>The number of rows added.</returns>
    /// <exception cref="ArgumentException">The builder's schema does not match <typeparamref name="TInput"/>, a column cannot be monitored, or no output column fits the prediction.</exception>
    public static long Add<TInput, TOutput>(this ReferenceProfileBuilder builder, MLContext mlContext, IDataView data, ITransformer model, MLMonitoringOptions? options = null)
        where TInput : class, new()
        where TOutput : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        options ??= new MLMonitoringOptions();
        var schema = MLInputSchema.Create<TInput>(options);
        var expected = builder.Schema;
        if (!expected.NumericFeatures.SequenceEqual(schema.NumericFeatures, StringComparer.Ordinal)
            || !expected.CategoricalFeatures.SequenceEqual(schema.CategoricalFeatures, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The builder's schema does not have the features of {typeof(TInput).Name} ([{string.Join(", ", schema.NumericFeatures)}], [{string.Join(", ", schema.CategoricalFeatures)}]).", nameof(builder));
        }

        var prediction = PredictionReader<TOutput>.Create(expected.Prediction, options);
        var numeric = new double[schema.NumericFeatures.Length];
        var categorical = new string?[schema.CategoricalFeatures.Length];

        // One pass over the data for the inputs and one, in step, over the model's output for it:
        // the transformed view keeps the rows in order.
        using var inputs = mlContext.Data.CreateEnumerable<TInput>(data, reuseRowObject: true).GetEnumerator();
        using var outputs = mlContext.Data.CreateEnumerable<TOutput>(model.Transform(data), reuseRowObject: true).GetEnumerator();
        long rows = 0;
        while (inputs.MoveNext() && outputs.MoveNext())
        {
            schema.Map(inputs.Current, numeric, categorical);
            builder.Add(numeric, categorical, prediction.Value(outputs.Current));
            rows++;
        }

        return rows;
    }
}

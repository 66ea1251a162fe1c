namespace ModelWatch.Monitoring;

/// <summary>
/// What a strict model (<c>.Strict()</c>, for development) throws where a lenient one counts bad
/// input: the exceptions name the model, the feature and the value.
/// </summary>
internal static class StrictInput
{
    /// <summary>Throws when a numeric feature or the prediction is not a finite number.</summary>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static void Check(ModelDefinition definition, ReadOnlySpan<double> features, double prediction)
    {
        var schema = definition.Schema;
        for (int c = 0; c < features.Length; c++)
        {
            if (!double.IsFinite(features[c]))
            {
                throw new ArgumentException($"Model '{definition.Name}': feature '{schema.NumericFeatures[c]}' is {features[c]}.", nameof(features));
            }
        }

        if (schema.Prediction != PredictionKind.None && !double.IsFinite(prediction))
        {
            throw new ArgumentException($"Model '{definition.Name}': the prediction is {prediction}.", nameof(prediction));
        }
    }

    /// <summary>The exception for an event time further ahead of the clock than the model allows.</summary>
    public static ArgumentException FutureTime(ModelDefinition definition, DateTimeOffset timestamp, DateTimeOffset now) => new(
        $"Model '{definition.Name}': the event time {timestamp:O} is more than {definition.MaxEventTimeLead} ahead of the clock ({now:O}); see Window:MaxEventTimeLead.",
        nameof(timestamp));

    /// <summary>The exception for a row whose feature counts do not match the schema.</summary>
    public static ArgumentException WrongCounts(ModelDefinition definition, int numeric, int categorical) => new(
        $"Model '{definition.Name}' expects {definition.Schema.NumericFeatures.Length} numeric and {definition.Schema.CategoricalFeatures.Length} categorical features; got {numeric} and {categorical}.",
        nameof(numeric));
}

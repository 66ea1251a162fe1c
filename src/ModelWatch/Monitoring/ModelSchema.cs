using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>
/// The inputs and output of a monitored model: numeric features (in the order of the span passed
/// to <c>Log</c>), categorical features (in the order of the categorical span) and the kind of
/// prediction.
/// </summary>
/// <remarks>
/// The prediction is monitored as one more column named <see cref="PredictionColumn"/>: numeric
/// columns are the numeric features followed by the prediction when it is numeric; categorical
/// columns are the categorical features followed by the prediction when it is a class.
/// Instances are immutable.
/// </remarks>
public sealed class ModelSchema
{
    /// <summary>The name of the prediction's column in profiles and reports.</summary>
    public const string PredictionColumn = "prediction";

    /// <summary>Initializes a schema.</summary>
    /// <param name="numericFeatures">Names of the numeric features, in logging order.</param>
    /// <param name="categoricalFeatures">Names of the categorical features, in logging order.</param>
    /// <param name="prediction">How the prediction is monitored.</param>
    /// <exception cref="ArgumentException">
    /// No features, an empty or duplicate name, or a feature named <see cref="PredictionColumn"/>
    /// while the prediction is monitored.
    /// </exception>
    public ModelSchema(IEnumerable<string> numericFeatures, IEnumerable<string>? categoricalFeatures = null, PredictionKind prediction = PredictionKind.Numeric)
    {
        ArgumentNullException.ThrowIfNull(numericFeatures);
        NumericFeatures = [.. numericFeatures];
        CategoricalFeatures = categoricalFeatures is null ? [] : [.. categoricalFeatures];
        Prediction = prediction;
        string? problem = Validate(NumericFeatures, CategoricalFeatures, prediction);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(numericFeatures));
        }

        NumericColumns = prediction == PredictionKind.Numeric ? NumericFeatures.Add(PredictionColumn) : NumericFeatures;
        CategoricalColumns = prediction == PredictionKind.Categorical ? CategoricalFeatures.Add(PredictionColumn) : CategoricalFeatures;
    }

    /// <summary>Gets the numeric feature names in logging order.</summary>
    public ImmutableArray<string> NumericFeatures { get; }

    /// <summary>Gets the categorical feature names in logging order.</summary>
    public ImmutableArray<string> CategoricalFeatures { get; }

    /// <summary>Gets how the prediction is monitored.</summary>
    public PredictionKind Prediction { get; }

    /// <summary>Gets the numeric columns: the numeric features, then the prediction when it is numeric.</summary>
    public ImmutableArray<string> NumericColumns { get; }

    /// <summary>Gets the categorical columns: the categorical features, then the prediction when it is a class.</summary>
    public ImmutableArray<string> CategoricalColumns { get; }

    /// <summary>Returns a description of what is wrong with a schema, or null when it is valid.</summary>
    internal static string? Validate(IReadOnlyList<string> numeric, IReadOnlyList<string> categorical, PredictionKind prediction)
    {
        if (!Enum.IsDefined(prediction))
        {
            return $"Unknown prediction kind {prediction}.";
        }

        if (numeric.Count + categorical.Count == 0)
        {
            return "The schema has no features.";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? name in numeric.Concat(categorical))
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return "A feature name is empty.";
            }

            if (!seen.Add(name))
            {
                return $"The feature name '{name}' appears more than once.";
            }

            if (prediction != PredictionKind.None && name == PredictionColumn)
            {
                return $"'{PredictionColumn}' names the prediction's column; rename the feature.";
            }
        }

        return null;
    }
}

namespace ModelWatch.ML;

/// <summary>
/// How an ML.NET model's input and output classes map to a monitor: which input columns are not
/// features, and which output column is the prediction.
/// </summary>
public sealed class MLMonitoringOptions
{
    /// <summary>The input column excluded by default: ML.NET trainers read the label from a column of this name.</summary>
    public const string DefaultLabelColumn = "Label";

    /// <summary>
    /// Gets the input columns that are not features (the label, weights, ids), by column name
    /// (<c>[ColumnName]</c>, else the member name) or member name; ordinal comparison.
    /// Members marked <c>[NoColumn]</c> are always excluded.
    /// </summary>
    /// <value>The default value is a set holding <see cref="DefaultLabelColumn"/>.</value>
    public ISet<string> ExcludedColumns { get; } = new HashSet<string>(StringComparer.Ordinal) { DefaultLabelColumn };

    /// <summary>
    /// Gets or sets the output column logged as the prediction (column or member name); null picks
    /// by the monitor's prediction kind: <c>PredictedLabel</c> for a class, <c>Probability</c>
    /// then <c>Score</c> for a number.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? PredictionColumn { get; set; }

    /// <summary>
    /// Gets or sets the output column holding one probability per class (ML.NET's multiclass
    /// <c>Score</c>), logged as the class probabilities of a monitor declared
    /// <c>MulticlassClassification</c>; null logs none.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? ClassProbabilitiesColumn { get; set; }

    /// <summary>
    /// Gets or sets the class names, in class-index order, for a prediction column of text (a
    /// <c>PredictedLabel</c> mapped back with <c>MapKeyToValue</c>); a name not in the list is
    /// logged as a missing prediction.
    /// </summary>
    /// <value>The default value is null.</value>
    public IReadOnlyList<string>? ClassNames { get; set; }
}

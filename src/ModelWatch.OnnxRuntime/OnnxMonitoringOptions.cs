namespace ModelWatch.OnnxRuntime;

/// <summary>
/// How an ONNX model's inputs and outputs map to a monitor: inputs that are not features, names for
/// the features, inputs mapped by your own code, and which output is the prediction.
/// </summary>
public sealed class OnnxMonitoringOptions
{
    /// <summary>The input excluded by default: ML.NET's default label column, which its ONNX export keeps as an input.</summary>
    public const string DefaultLabelInput = "Label";

    /// <summary>
    /// Gets the inputs that are not features (the label a model exported from ML.NET still takes,
    /// weights, ids), by name; ordinal comparison.
    /// </summary>
    /// <value>The default value is a set holding <see cref="DefaultLabelInput"/>.</value>
    public ISet<string> ExcludedInputs { get; } = new HashSet<string>(StringComparer.Ordinal) { DefaultLabelInput };

    /// <summary>Gets or sets whether boolean tensors are categorical features ("true"/"false"); false leaves them out.</summary>
    /// <value>The default value is true.</value>
    public bool BooleansAsCategories { get; set; } = true;

    /// <summary>
    /// Gets the feature names of inputs with more than one value per row, by input name, in element
    /// order. Without an entry the names come from the model's metadata property
    /// <c>modelwatch:feature_names:&lt;input&gt;</c> (comma-separated) when present, else
    /// <c>input[0]</c>, <c>input[1]</c> …; an input with one value per row is named after itself.
    /// </summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, IReadOnlyList<string>> FeatureNames { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>
    /// Gets the inputs mapped by your own code (images, sequences, or anything the built-in rules
    /// refuse), by input name. Their features come after the built-in ones, in the order added.
    /// </summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, OnnxCustomInput> CustomInputs { get; } = new Dictionary<string, OnnxCustomInput>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets the output logged as the prediction; null picks the first present of
    /// <c>PredictedLabel.output</c>, <c>output_label</c>, <c>label</c> for a class and of
    /// <c>Probability.output</c>, <c>Score.output</c>, <c>variable</c>, <c>output_probability</c>,
    /// <c>probabilities</c> for a number (ML.NET's and scikit-learn's exports), else the model's only output.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? PredictionOutput { get; set; }

    /// <summary>
    /// Gets or sets which value of a numeric prediction output with several values per row is the
    /// prediction; null takes column 1 of a two-column output (the positive class of a binary
    /// classifier's probabilities) and refuses wider outputs. For a ZipMap output (a sequence of
    /// maps of class to probability) it is the class's position in the maps; null takes position 1
    /// of maps of two classes, and runs whose maps hold another number are counted in
    /// <see cref="MonitoredInferenceSession.DroppedRuns"/> (the class count is not in the model's metadata).
    /// </summary>
    /// <value>The default value is null.</value>
    public int? PredictionIndex { get; set; }

    /// <summary>
    /// Gets or sets the output holding one probability per class (a float or double tensor
    /// [batch, classes], or a ZipMap: a sequence of one map of class to probability per item, read in
    /// the maps' order), logged as the class probabilities of a monitor declared
    /// <c>MulticlassClassification</c>; null logs none.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? ClassProbabilitiesOutput { get; set; }

    /// <summary>Gets or sets the class names, in class-index order, for a prediction output of strings; a name not in the list is a missing prediction.</summary>
    /// <value>The default value is null.</value>
    public IReadOnlyList<string>? ClassNames { get; set; }
}

namespace ModelWatch.OnnxRuntime;

/// <summary>Writes the features of one row of an input the built-in rules do not map (an image, a sequence…).</summary>
/// <param name="input">The input of the call.</param>
/// <param name="row">The row (0 … rows - 1) within the call's batch.</param>
/// <param name="numericFeatures">Receives this input's numeric features, in the order declared in <see cref="OnnxCustomInput"/>.</param>
/// <param name="categoricalFeatures">Receives this input's categorical features, in declared order.</param>
public delegate void OnnxInputMapper(in OnnxInput input, int row, Span<double> numericFeatures, Span<string?> categoricalFeatures);

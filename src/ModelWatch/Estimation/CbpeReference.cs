namespace ModelWatch.Estimation;

/// <summary>The labelled reference data CBPE is fitted on: the model's scores, its decisions and the true labels.</summary>
public sealed class CbpeReference
{
    private CbpeReference(double[] scores, double[][] probabilities, int classCount, int[] predictions, int[] labels)
    {
        Scores = scores;
        Probabilities = probabilities;
        ClassCount = classCount;
        Predictions = predictions;
        Labels = labels;
    }

    /// <summary>Gets the number of classes: 2 for a binary model.</summary>
    public int ClassCount { get; }

    internal bool IsBinary => Probabilities.Length == 0;

    internal double[] Scores { get; }

    internal double[][] Probabilities { get; }

    internal int[] Predictions { get; }

    internal int[] Labels { get; }

    internal int RowCount => Labels.Length;

    /// <summary>A binary model's reference.</summary>
    /// <param name="scores">The model's probability of the positive class, per row, in [0, 1].</param>
    /// <param name="predictions">The model's decision per row, 0 or 1 (it need not be score ≥ 0.5).</param>
    /// <param name="labels">The true label per row, 0 or 1.</param>
    /// <exception cref="ArgumentException">The arrays are empty or of different lengths, or hold values out of range.</exception>
    public static CbpeReference Binary(double[] scores, int[] predictions, int[] labels)
    {
        CbpeInput.RequireBinary(scores, predictions, nameof(scores), nameof(predictions));
        CbpeInput.RequireClasses(labels, 2, scores.Length, nameof(labels));
        return new CbpeReference(scores, [], 2, predictions, labels);
    }

    /// <summary>A multiclass model's reference.</summary>
    /// <param name="probabilities">Per row, the model's probability of each class, in a fixed class order.</param>
    /// <param name="predictions">The model's predicted class index per row.</param>
    /// <param name="labels">The true class index per row; every class must occur.</param>
    /// <exception cref="ArgumentException">
    /// The arrays are empty or of different lengths, rows have different widths or fewer than 2 classes,
    /// values are out of range, or a class never occurs among the labels.
    /// </exception>
    public static CbpeReference Multiclass(double[][] probabilities, int[] predictions, int[] labels)
    {
        int classes = CbpeInput.RequireMulticlass(probabilities, predictions, null, nameof(probabilities), nameof(predictions));
        CbpeInput.RequireClasses(labels, classes, probabilities.Length, nameof(labels));
        var seen = new bool[classes];
        foreach (int label in labels)
        {
            seen[label] = true;
        }

        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw new ArgumentException($"Class {missing} never occurs among the reference labels; CBPE needs every class in the reference.", nameof(labels));
        }

        return new CbpeReference([], probabilities, classes, predictions, labels);
    }
}

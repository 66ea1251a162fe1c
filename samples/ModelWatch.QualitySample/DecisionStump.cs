namespace ModelWatch.QualitySample;

/// <summary>
/// The smallest useful classifier: one feature, one threshold. Its score is the share of positive
/// training rows on the input's side of the threshold, so it is calibrated on the training data,
/// which is what makes ModelWatch's label-free accuracy estimate meaningful for it.
/// </summary>
internal sealed class DecisionStump
{
    private DecisionStump(string feature, int featureIndex, double threshold, double positiveAtOrBelow, double positiveAbove)
    {
        Feature = feature;
        FeatureIndex = featureIndex;
        Threshold = threshold;
        PositiveAtOrBelow = positiveAtOrBelow;
        PositiveAbove = positiveAbove;
    }

    /// <summary>Gets the feature the stump splits on.</summary>
    public string Feature { get; }

    /// <summary>Gets the feature's position in the input.</summary>
    public int FeatureIndex { get; }

    /// <summary>Gets the threshold: inputs above it are on the "above" side.</summary>
    public double Threshold { get; }

    /// <summary>Gets the share of positives among training rows at or below the threshold.</summary>
    public double PositiveAtOrBelow { get; }

    /// <summary>Gets the share of positives among training rows above the threshold.</summary>
    public double PositiveAbove { get; }

    /// <summary>Gets the probability of class 1 for an input.</summary>
    /// <param name="features">The input, in training order.</param>
    /// <returns>The probability.</returns>
    public double PredictProbability(ReadOnlySpan<double> features) =>
        features[FeatureIndex] > Threshold ? PositiveAbove : PositiveAtOrBelow;

    /// <summary>Finds the feature and threshold with the best training accuracy.</summary>
    /// <param name="featureNames">The feature names.</param>
    /// <param name="rows">The training inputs.</param>
    /// <param name="labels">The training labels, 0 or 1.</param>
    /// <returns>The stump.</returns>
    public static DecisionStump Train(IReadOnlyList<string> featureNames, IReadOnlyList<double[]> rows, IReadOnlyList<int> labels)
    {
        int n = rows.Count;
        int positives = labels.Sum();
        DecisionStump? best = null;
        int bestCorrect = -1;
        for (int f = 0; f < featureNames.Count; f++)
        {
            int[] order = [.. Enumerable.Range(0, n).OrderBy(i => rows[i][f])];

            // Sweeping the sorted rows moves one row at a time from the right side to the left, so
            // every threshold is scored with running counts instead of a pass over the data.
            int leftCount = 0;
            int leftPositives = 0;
            for (int k = 0; k < n - 1; k++)
            {
                leftCount++;
                leftPositives += labels[order[k]];
                double here = rows[order[k]][f];
                double next = rows[order[k + 1]][f];
                if (here == next)
                {
                    continue; // no threshold separates equal values
                }

                int rightCount = n - leftCount;
                int rightPositives = positives - leftPositives;

                // Each side predicts its majority class, which is what a 0.5 decision threshold on
                // the side's positive share does.
                int correct = Math.Max(leftPositives, leftCount - leftPositives) + Math.Max(rightPositives, rightCount - rightPositives);
                if (correct > bestCorrect)
                {
                    bestCorrect = correct;
                    best = new DecisionStump(
                        featureNames[f],
                        f,
                        (here + next) / 2,
                        (double)leftPositives / leftCount,
                        (double)rightPositives / rightCount);
                }
            }
        }

        return best ?? throw new ArgumentException("Every feature is constant: there is no threshold to learn.", nameof(rows));
    }
}

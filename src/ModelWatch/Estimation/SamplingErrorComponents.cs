namespace ModelWatch.Estimation;

/// <summary>
/// The reference-side pieces of CBPE's sampling errors (<c>nannyml/sampling_error/binary_classification.py</c>
/// and <c>multiclass_classification.py</c>): a spread and the share of rows the metric is computed on.
/// A chunk's sampling error then depends only on its size.
/// </summary>
internal static class SamplingErrorComponents
{
    /// <summary>Population variance of a list of <paramref name="ones"/> ones and <paramref name="zeros"/> zeros; NaN when empty.</summary>
    public static double BernoulliVariance(double ones, double zeros)
    {
        double count = ones + zeros;
        if (count == 0)
        {
            return double.NaN;
        }

        double mean = ones / count;
        return ((ones * (1 - mean) * (1 - mean)) + (zeros * mean * mean)) / count;
    }

    /// <summary>
    /// The ROC AUC component, exactly as NannyML codes it: after flipping a majority-positive target
    /// (and the scores with it), each positive's rank among the sorted scores, less the positives before
    /// it, over the number of negatives. NannyML takes <c>unique(y·position)[1:]</c>, so a positive at
    /// position 0 is dropped; that quirk is kept. Ties are ordered stably (see <see cref="StableOrder"/>).
    /// </summary>
    /// <returns>The variance (ddof 0) of those values, and the positives' share after the flip.</returns>
    public static (double Variance, double Fraction) RocAuc(IReadOnlyList<double> scores, Func<int, bool> positive, int rows)
    {
        int positives = 0;
        for (int i = 0; i < rows; i++)
        {
            positives += positive(i) ? 1 : 0;
        }

        bool flip = (double)positives / rows > 0.5;
        var keys = new double[rows];
        var target = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            target[i] = positive(i) != flip;
            keys[i] = flip ? 1 - scores[i] : scores[i];
        }

        int n = flip ? rows - positives : positives;
        int negatives = rows - n;
        int[] order = StableOrder.Ascending(keys);
        var ser = new List<double>(n);
        for (int position = 1; position < rows; position++)
        {
            if (target[order[position]])
            {
                ser.Add((position - ser.Count) / (double)negatives);
            }
        }

        double std = ReferenceChunkThreshold.MeanAndPopulationStd(ser).Std;
        return (std * std, (double)n / rows);
    }
}

using ModelWatch.Statistics;

namespace ModelWatch.Drift;

/// <summary>
/// Distances between the estimated CDFs of two quantile sketches, by one merge walk over their
/// sorted views: the CDFs are right-continuous step functions that change only at retained
/// values, so the walk visits every place where their difference changes.
/// </summary>
internal static class SketchDistance
{
    /// <summary>sup |F̂_ref − F̂_cur|, with the one-sided suprema D⁺ (reference above) and D⁻.</summary>
    public static (double D, double DPlus, double DMinus) MaxCdfDifference(QuantileSketch reference, QuantileSketch current)
    {
        double dPlus = 0, dMinus = 0;
        Walk(reference, current, (_, _, fr, fc) =>
        {
            dPlus = Math.Max(dPlus, fr - fc);
            dMinus = Math.Max(dMinus, fc - fr);
        });
        return (Math.Max(dPlus, dMinus), dPlus, dMinus);
    }

    /// <summary>∫ |F̂_ref(x) − F̂_cur(x)| dx over the union of the two ranges.</summary>
    public static double CdfAreaBetween(QuantileSketch reference, QuantileSketch current)
    {
        // Between consecutive change points the difference is constant; sum it times the width.
        double area = 0, compensation = 0;
        Walk(reference, current, (x, next, fr, fc) =>
        {
            if (double.IsFinite(next))
            {
                // Kahan summation: thousands of small terms.
                double term = Math.Abs(fr - fc) * (next - x) - compensation;
                double sum = area + term;
                compensation = (sum - area) - term;
                area = sum;
            }
        });
        return area;
    }

    /// <summary>
    /// Calls <paramref name="visit"/>(x, next x, F̂_ref(x), F̂_cur(x)) at every retained value x of
    /// either sketch, in increasing order (next is +∞ after the last).
    /// </summary>
    private static void Walk(QuantileSketch reference, QuantileSketch current, Action<double, double, double, double> visit)
    {
        var a = reference.GetView();
        var b = current.GetView();
        double na = reference.Count, nb = current.Count;
        int i = 0, j = 0;
        long ca = 0, cb = 0;
        while (i < a.Values.Length || j < b.Values.Length)
        {
            double x = j >= b.Values.Length || (i < a.Values.Length && a.Values[i] <= b.Values[j]) ? a.Values[i] : b.Values[j];
            if (i < a.Values.Length && a.Values[i] == x)
            {
                ca = a.CumulativeWeights[i++];
            }

            if (j < b.Values.Length && b.Values[j] == x)
            {
                cb = b.CumulativeWeights[j++];
            }

            double next = Math.Min(
                i < a.Values.Length ? a.Values[i] : double.PositiveInfinity,
                j < b.Values.Length ? b.Values[j] : double.PositiveInfinity);
            visit(x, next, ca / na, cb / nb);
        }
    }
}

using MathNet.Numerics.Distributions;

namespace ModelWatch.Drift;

/// <summary>
/// Whether a new value belongs with a small sample of earlier ones: the two-sided p-value of the
/// Student-t prediction interval, t = (x − mean) / (s·√(1 + 1/n)) with n − 1 degrees of freedom
/// (s the sample standard deviation). Exact for normal values, which window means are by the
/// central limit theorem; unlike "mean ± 3·std" of the same sample it accounts for how little
/// n values say about the spread, so its p-values can enter a multiple-testing correction.
/// </summary>
internal static class PredictionIntervalTest
{
    /// <summary>The p-value of <paramref name="value"/> against <paramref name="sample"/> (at least two values, finite).</summary>
    /// <returns>The p-value in [0, 1]; with a sample of no spread, 1 for its value and 0 for any other; NaN for a non-finite value.</returns>
    public static double PValue(IReadOnlyList<double> sample, double value)
    {
        ArgumentNullException.ThrowIfNull(sample);
        int n = sample.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        if (!double.IsFinite(value))
        {
            return double.NaN;
        }

        double mean = 0;
        foreach (double v in sample)
        {
            mean += v;
        }

        mean /= n;
        double squares = 0;
        foreach (double v in sample)
        {
            squares += (v - mean) * (v - mean);
        }

        double s = Math.Sqrt(squares / (n - 1));
        double deviation = Math.Abs(value - mean);
        if (s == 0 || !double.IsFinite(s))
        {
            return deviation == 0 ? 1 : 0;
        }

        double t = deviation / (s * Math.Sqrt(1 + (1.0 / n)));
        return Math.Clamp(2 * StudentT.CDF(0, 1, n - 1, -t), 0, 1);
    }
}

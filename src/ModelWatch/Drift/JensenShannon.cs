using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>
/// Jensen–Shannon divergence and distance between two discrete distributions: binned numeric data
/// (counts over shared edges, or weights) or categorical data (over the union of categories).
/// </summary>
/// <remarks>
/// <para>
/// Inputs are normalised to sum 1 first; 0·ln 0 counts as 0. The distance is √JSD with the
/// divergence clamped at 0, so it is never NaN (scipy 1.10's <c>jensenshannon</c> returns NaN for
/// nearly equal inputs, where rounding makes its divergence slightly negative).
/// </para>
/// <para>
/// Numerics: with m = (p + q)/2 and t = (p − q)/(p + q), each bin contributes
/// ½·m·f(t), f(t) = (1 + t)ln(1 + t) + (1 − t)ln(1 − t) ≥ 0. For |t| &lt; ½, f is evaluated as
/// 2t·atanh(t) + ln(1 − t²), which loses at most a factor of 2 to cancellation, instead of the
/// textbook p·ln(p/m) + q·ln(q/m), whose two terms of size |p − q| cancel down to (p − q)²/m. The
/// numerator of t is formed with exact products (fused multiply-add), so nearly equal bins keep
/// full relative accuracy and the divergence is accurate to a few ulps even at 1e-19.
/// </para>
/// </remarks>
public static class JensenShannon
{
    /// <summary>The detector name used in <see cref="DriftResult.Detector"/>.</summary>
    public const string DetectorName = "jensen_shannon";

    /// <summary>The default drift threshold on the distance: 0.1.</summary>
    public const double DefaultThreshold = 0.1;

    /// <summary>Computes the divergence between two weight vectors aligned by bin or category.</summary>
    /// <param name="reference">Non-negative finite weights; not all zero.</param>
    /// <param name="current">Non-negative finite weights, aligned with <paramref name="reference"/>; not all zero.</param>
    /// <param name="logBase">The logarithm base. The default is <see cref="JensenShannonBase.Base2"/>.</param>
    /// <returns>The divergence and distance (counts reported as 0).</returns>
    /// <exception cref="ArgumentException">The spans differ in length, hold a negative or non-finite weight, or sum to zero.</exception>
    public static JensenShannonResult FromWeights(
        ReadOnlySpan<double> reference, ReadOnlySpan<double> current, JensenShannonBase logBase = JensenShannonBase.Base2)
    {
        CheckBase(logBase);
        if (reference.Length != current.Length)
        {
            throw new ArgumentException(
                $"The weights must be aligned by bin or category: {reference.Length} reference weights vs {current.Length} current weights.",
                nameof(current));
        }

        double w = CheckWeights(reference, nameof(reference));
        double v = CheckWeights(current, nameof(current));
        double nats = Divergence(reference, w, current, v);
        return Result(nats, logBase, default);
    }

    /// <summary>Computes the divergence between two count vectors aligned by bin or category (a profile).</summary>
    /// <param name="referenceCounts">Non-negative counts; not all zero.</param>
    /// <param name="currentCounts">Non-negative counts aligned with <paramref name="referenceCounts"/>; not all zero.</param>
    /// <param name="logBase">The logarithm base. The default is <see cref="JensenShannonBase.Base2"/>.</param>
    /// <returns>The divergence and distance.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, hold a negative count, or total zero.</exception>
    public static JensenShannonResult FromCounts(
        ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts, JensenShannonBase logBase = JensenShannonBase.Base2)
    {
        CheckBase(logBase);
        return FromAlignedCounts(AlignedCounts.FromSpans(referenceCounts, currentCounts), logBase);
    }

    /// <summary>Computes the divergence between two category → count maps over the union of their categories.</summary>
    /// <param name="reference">Reference count per category; non-negative, not all zero.</param>
    /// <param name="current">Current count per category; non-negative, not all zero.</param>
    /// <param name="logBase">The logarithm base. The default is <see cref="JensenShannonBase.Base2"/>.</param>
    /// <returns>The divergence and distance.</returns>
    /// <exception cref="ArgumentException">A map holds a negative count or totals zero.</exception>
    public static JensenShannonResult FromCategoryCounts(
        IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current, JensenShannonBase logBase = JensenShannonBase.Base2)
    {
        CheckBase(logBase);
        return FromAlignedCounts(AlignedCounts.FromMaps(reference, current), logBase);
    }

    /// <summary>Counts raw labels and computes the divergence over the union of their categories.</summary>
    /// <param name="reference">Reference labels; null labels are missing values, excluded and counted.</param>
    /// <param name="current">Current labels; null labels are missing values, excluded and counted.</param>
    /// <param name="logBase">The logarithm base. The default is <see cref="JensenShannonBase.Base2"/>.</param>
    /// <returns>The divergence and distance.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds only null labels.</exception>
    public static JensenShannonResult FromLabels(
        ReadOnlySpan<string?> reference, ReadOnlySpan<string?> current, JensenShannonBase logBase = JensenShannonBase.Base2)
    {
        CheckBase(logBase);
        return FromAlignedCounts(AlignedCounts.FromLabels(reference, current), logBase);
    }

    /// <summary>
    /// Computes the divergence between two raw numeric samples binned over the reference's quantile
    /// edges (the PSI binning, <see cref="BinEdges.FromQuantiles"/>), with raw counts (no ε).
    /// </summary>
    /// <param name="reference">The reference sample; NaN values are excluded and counted.</param>
    /// <param name="current">The current sample; NaN values are excluded and counted.</param>
    /// <param name="bins">The number of quantile bins before duplicate edges are removed; at least 2. The default is 10.</param>
    /// <param name="logBase">The logarithm base. The default is <see cref="JensenShannonBase.Base2"/>.</param>
    /// <returns>The divergence and distance.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds only NaN values.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is less than 2.</exception>
    public static JensenShannonResult Compute(
        ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int bins = PopulationStabilityIndex.DefaultBins, JensenShannonBase logBase = JensenShannonBase.Base2)
    {
        CheckBase(logBase);
        if (current.IsEmpty)
        {
            throw new ArgumentException("The sample is empty.", nameof(current));
        }

        return ComputeWithEdges(BinEdges.FromQuantiles(reference, bins), reference, current, logBase);
    }

    /// <summary>Computes the divergence between two raw numeric samples binned over given edges.</summary>
    /// <param name="edges">The bin edges.</param>
    /// <param name="reference">The reference sample; NaN values are excluded and counted.</param>
    /// <param name="current">The current sample; NaN values are excluded and counted.</param>
    /// <param name="logBase">The logarithm base. The default is <see cref="JensenShannonBase.Base2"/>.</param>
    /// <returns>The divergence and distance.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds only NaN values.</exception>
    internal static JensenShannonResult ComputeWithEdges(
        BinEdges edges, ReadOnlySpan<double> reference, ReadOnlySpan<double> current, JensenShannonBase logBase = JensenShannonBase.Base2)
    {
        ArgumentNullException.ThrowIfNull(edges);
        CheckBase(logBase);
        var r = new long[edges.BinCount];
        var c = new long[edges.BinCount];
        int rNaN = edges.AddCounts(reference, r);
        int cNaN = edges.AddCounts(current, c);
        SampleGuard.RequireValues(reference.Length, rNaN, nameof(reference));
        SampleGuard.RequireValues(current.Length, cNaN, nameof(current));
        var counts = new SampleCounts { Reference = reference.Length - rNaN, Current = current.Length - cNaN, ReferenceMissing = rNaN, CurrentMissing = cNaN };
        return FromAlignedCounts(new AlignedCounts(r, c, counts), logBase);
    }

    private static JensenShannonResult FromAlignedCounts(AlignedCounts counts, JensenShannonBase logBase)
    {
        // Counts up to 2^53 convert exactly; beyond that a relative error of 2^-53 per count is harmless.
        ReadOnlySpan<long> r = counts.Reference, c = counts.Current;
        // Bins and categories are few: the converted counts live on the stack (a report keeps only the result).
        Span<double> p = r.Length <= 256 ? stackalloc double[r.Length] : new double[r.Length];
        Span<double> q = c.Length <= 256 ? stackalloc double[c.Length] : new double[c.Length];
        for (int i = 0; i < r.Length; i++)
        {
            p[i] = r[i];
            q[i] = c[i];
        }

        double nats = Divergence(p, counts.Counts.Reference, q, counts.Counts.Current);
        return Result(nats, logBase, counts.Counts);
    }

    private static JensenShannonResult Result(double nats, JensenShannonBase logBase, SampleCounts counts)
    {
        double divergence = Math.Max(0, logBase == JensenShannonBase.Base2 ? nats / Math.Log(2) : nats);
        return new JensenShannonResult
        {
            Divergence = divergence,
            Base = logBase,
            Counts = counts,
        };
    }

    /// <summary>JSD in nats of the weight vectors w (total wTotal) and v (total vTotal); see the class remarks.</summary>
    internal static double Divergence(ReadOnlySpan<double> w, double wTotal, ReadOnlySpan<double> v, double vTotal)
    {
        var sum = default(CompensatedSum);
        for (int i = 0; i < w.Length; i++)
        {
            double wi = w[i], vi = v[i];
            if (wi == 0 && vi == 0)
            {
                continue;
            }

            // t = (wi·V − vi·W) / (wi·V + vi·W) = (p − q)/(p + q), with both products kept exactly.
            double a = wi * vTotal;
            double ea = Math.FusedMultiplyAdd(wi, vTotal, -a);
            double b = vi * wTotal;
            double eb = Math.FusedMultiplyAdd(vi, wTotal, -b);
            double numerator = (a - b) + (ea - eb);
            double denominator = (a + b) + (ea + eb);
            double t = Math.Clamp(numerator / denominator, -1, 1);
            double m = 0.5 * ((wi / wTotal) + (vi / vTotal));
            sum.Add(0.5 * m * F(t));
        }

        return sum.Value;
    }

    /// <summary>f(t) = (1 + t)ln(1 + t) + (1 − t)ln(1 − t), accurate for small |t| as well.</summary>
    private static double F(double t)
    {
        if (Math.Abs(t) < 0.5)
        {
            return (2 * t * Math.Atanh(t)) + PopulationStabilityIndex.LogOnePlus(-(t * t));
        }

        double up = 1 + t, down = 1 - t;
        return (up == 0 ? 0 : up * Math.Log(up)) + (down == 0 ? 0 : down * Math.Log(down));
    }

    private static double CheckWeights(ReadOnlySpan<double> weights, string paramName)
    {
        var total = default(CompensatedSum);
        for (int i = 0; i < weights.Length; i++)
        {
            double x = weights[i];
            if (!double.IsFinite(x) || x < 0)
            {
                throw new ArgumentException($"Weight {i} is {x}; weights must be finite and non-negative.", paramName);
            }

            total.Add(x);
        }

        if (!(total.Value > 0))
        {
            throw new ArgumentException(weights.IsEmpty ? "No weights were given." : "The weights sum to zero.", paramName);
        }

        return total.Value;
    }

    private static void CheckBase(JensenShannonBase logBase)
    {
        if (logBase is not (JensenShannonBase.Base2 or JensenShannonBase.BaseE))
        {
            throw new ArgumentOutOfRangeException(nameof(logBase), logBase, "Unknown logarithm base.");
        }
    }
}

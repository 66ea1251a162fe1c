using ModelWatch.Internal;
using ModelWatch.Statistics;

namespace ModelWatch.Drift;

/// <summary>
/// The Wasserstein-1 (earth mover's) distance between two numeric samples, exact on raw samples
/// (optionally weighted), with bounds when only binned counts are known.
/// </summary>
/// <remarks>
/// <para>
/// W1 = ∫ |U(x) − V(x)| dx over the empirical CDFs U and V, the quantity
/// <c>scipy.stats.wasserstein_distance</c> computes (Ramdas, García Trillos and Cuturi, "On
/// Wasserstein two-sample testing", Entropy 19(2), 2017, eq. 3). Between consecutive pooled values
/// x_k &lt; x_(k+1) the CDFs are constant, so W1 = Σ |U(x_k) − V(x_k)|·(x_(k+1) − x_k). Unweighted,
/// |U − V| = |i·m − j·n| / (n·m) with exact integers i, j; each gap is taken as an exact pair
/// (TwoSum) and the products are accumulated in double-double, so the result is essentially
/// correctly rounded even for values near 1e9 whose gaps are tiny.
/// </para>
/// <para>
/// The drift statistic is W1 / max(σ_ref, 0.001), σ_ref the reference's population standard
/// deviation: unit-free, so one threshold (0.1, Evidently's) serves every feature; 0.1 means the
/// current distribution moved by about a tenth of the reference's spread.
/// </para>
/// <para>
/// Sorting dominates the cost: O((n + m) log(n + m)).
/// </para>
/// </remarks>
public static class WassersteinDistance
{
    /// <summary>The detector name used in <see cref="DriftResult.Detector"/>.</summary>
    public const string DetectorName = "wasserstein";

    /// <summary>The default threshold on the normalized distance: 0.1 (Evidently's).</summary>
    public const double DefaultThreshold = 0.1;

    /// <summary>The floor of the reference standard deviation in the normalization, so a constant reference does not divide by 0.</summary>
    public const double MinimumScale = 0.001;

    /// <summary>Computes W1 and its normalized form between two raw samples.</summary>
    /// <param name="reference">The reference sample; NaN values are excluded and counted.</param>
    /// <param name="current">The current sample; NaN values are excluded and counted.</param>
    /// <returns>The distance, the normalized distance and the reference's standard deviation.</returns>
    /// <exception cref="ArgumentException">A sample is empty, holds only NaN values, or holds an infinity.</exception>
    public static WassersteinResult Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        double[] u = SampleGuard.CopyWithoutNaN(reference, nameof(reference), out int uNaN);
        double[] v = SampleGuard.CopyWithoutNaN(current, nameof(current), out int vNaN);
        RequireFinite(u, nameof(reference));
        RequireFinite(v, nameof(current));
        double sigma = PopulationStandardDeviation(u);
        Array.Sort(u);
        Array.Sort(v);
        double w1 = Unweighted(u, v);
        return Result(w1, sigma, new SampleCounts { Reference = u.Length, Current = v.Length, ReferenceMissing = uNaN, CurrentMissing = vNaN });
    }

    /// <summary>Computes W1 between two weighted samples (weights need not be normalised).</summary>
    /// <param name="reference">The reference values; a NaN value is excluded with its weight and counted.</param>
    /// <param name="current">The current values; a NaN value is excluded with its weight and counted.</param>
    /// <param name="referenceWeights">One finite non-negative weight per reference value; not all zero.</param>
    /// <param name="currentWeights">One finite non-negative weight per current value; not all zero.</param>
    /// <returns>The distance, the normalized distance and the reference's weighted standard deviation; counts are numbers of values.</returns>
    /// <exception cref="ArgumentException">Lengths differ, a weight is negative or not finite, the weights sum to zero, or a sample is empty, all NaN, or holds an infinity.</exception>
    public static WassersteinResult ComputeWeighted(
        ReadOnlySpan<double> reference, ReadOnlySpan<double> current, ReadOnlySpan<double> referenceWeights, ReadOnlySpan<double> currentWeights)
    {
        var (u, uw, uNaN) = Weighted(reference, referenceWeights, nameof(reference), nameof(referenceWeights));
        var (v, vw, vNaN) = Weighted(current, currentWeights, nameof(current), nameof(currentWeights));
        double sigma = WeightedStandardDeviation(u, uw);
        Array.Sort(u, uw);
        Array.Sort(v, vw);
        double w1 = WeightedDistance(u, uw, v, vw);
        return Result(w1, sigma, new SampleCounts { Reference = u.Length, Current = v.Length, ReferenceMissing = uNaN, CurrentMissing = vNaN });
    }

    /// <summary>
    /// W1 between two quantile sketches, with a stated bound: the area between the sketches'
    /// estimated CDFs, ± (ε_ref + ε_cur)·(range), ε being each sketch's rank-error bound.
    /// </summary>
    /// <param name="reference">The reference sketch.</param>
    /// <param name="current">The current sketch.</param>
    /// <returns>
    /// Bounds that contain the W1 of the summarized samples (with the sketches' 99% confidence):
    /// the estimate Ŵ ± (ε_ref + ε_cur)·(max − min over both samples), the lower bound clamped at 0.
    /// </returns>
    /// <remarks>
    /// Proof: W1 = ∫ |F_ref − F_cur| dx, and each estimated CDF is within ε of the true one at every
    /// x inside [min, max] of both samples (outside it both are exactly 0 or 1, as min and max are
    /// exact), so the integrands differ by at most ε_ref + ε_cur over an interval of length max − min.
    /// Divide by the reference's standard deviation (e.g. from <see cref="Statistics.Moments"/>) for
    /// the normalized form.
    /// </remarks>
    /// <exception cref="ArgumentException">A sketch is empty.</exception>
    public static WassersteinBounds FromSketches(QuantileSketch reference, QuantileSketch current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.IsEmpty)
        {
            throw new ArgumentException("The reference sketch is empty.", nameof(reference));
        }

        if (current.IsEmpty)
        {
            throw new ArgumentException("The current sketch is empty.", nameof(current));
        }

        double estimate = SketchDistance.CdfAreaBetween(reference, current);
        double range = Math.Max(reference.Max, current.Max) - Math.Min(reference.Min, current.Min);
        double bound = (reference.RankErrorBound + current.RankErrorBound) * range;
        return new WassersteinBounds { Lower = Math.Max(0, estimate - bound), Upper = estimate + bound };
    }

    /// <summary>
    /// Bounds W1 from counts over shared bins, for profiles that keep no raw data.
    /// </summary>
    /// <param name="edges">
    /// All bin boundaries, strictly increasing and finite: the pooled minimum, the interior edges, the
    /// pooled maximum (<c>counts.Length + 1</c> values). Bins are right-closed as in <see cref="BinEdges"/>.
    /// </param>
    /// <param name="referenceCounts">Reference count per bin; non-negative, not all zero.</param>
    /// <param name="currentCounts">Current count per bin, aligned with <paramref name="referenceCounts"/>.</param>
    /// <returns>Bounds that contain the exact W1 of any samples with these counts inside these bins.</returns>
    /// <exception cref="ArgumentException">The lengths do not match, the edges are not finite and strictly increasing, or a count is negative or the counts total zero.</exception>
    /// <remarks>
    /// <para>
    /// Proof. Let U_k and V_k be the CDFs at edge e_k (known from the counts). For x inside bin k,
    /// (e_k, e_(k+1)), monotonicity gives U(x) ∈ [U_k, U_(k+1)] and V(x) ∈ [V_k, V_(k+1)], so
    /// D(x) = U(x) − V(x) ∈ [U_k − V_(k+1), U_(k+1) − V_k]. Hence |D(x)| is at most the larger
    /// absolute end of that interval and at least its distance from 0. Integrating over each bin
    /// (width e_(k+1) − e_k) and summing gives the two bounds; outside [e_0, e_B] both CDFs are equal
    /// (0 or 1). The width of the bounds is at most Σ_k (e_(k+1) − e_k)·(u_k + v_k), u_k and v_k the
    /// bin's shares, so the estimate's error shrinks with finer bins where the mass is.
    /// </para>
    /// <para>A quantile-sketch–based version with a rank-error bound is left to the sketch type.</para>
    /// </remarks>
    public static WassersteinBounds FromBinnedCounts(ReadOnlySpan<double> edges, ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts)
    {
        var (a, b) = CategoryCounting.CheckAligned(referenceCounts, currentCounts, nameof(referenceCounts), nameof(currentCounts));
        if (edges.Length != referenceCounts.Length + 1)
        {
            throw new ArgumentException($"Expected {referenceCounts.Length + 1} edges (bins + 1), got {edges.Length}.", nameof(edges));
        }

        for (int k = 0; k < edges.Length; k++)
        {
            if (!double.IsFinite(edges[k]) || (k > 0 && !(edges[k] > edges[k - 1])))
            {
                throw new ArgumentException($"Edges must be finite and strictly increasing (edge {k} is {edges[k]}).", nameof(edges));
            }
        }

        var lower = default(CompensatedSum);
        var upper = default(CompensatedSum);
        long cu = 0, cv = 0;
        double u0 = 0, v0 = 0; // each bin's lower cumulative shares are the previous bin's upper ones
        for (int k = 0; k < referenceCounts.Length; k++)
        {
            cu += referenceCounts[k];
            cv += currentCounts[k];
            double u1 = (double)cu / a, v1 = (double)cv / b;
            double lo = u0 - v1, hi = u1 - v0;
            double width = edges[k + 1] - edges[k];
            upper.Add(width * Math.Max(Math.Abs(lo), Math.Abs(hi)));
            if (lo > 0 || hi < 0)
            {
                lower.Add(width * Math.Min(Math.Abs(lo), Math.Abs(hi)));
            }

            u0 = u1;
            v0 = v1;
        }

        return new WassersteinBounds { Lower = lower.Value, Upper = upper.Value };
    }

    private static WassersteinResult Result(double w1, double sigma, SampleCounts counts) => new()
    {
        Distance = w1,
        ReferenceStandardDeviation = sigma,
        Counts = counts,
    };

    /// <summary>W1 of two sorted, NaN-free, unweighted samples.</summary>
    internal static double Unweighted(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        long n = u.Length, m = v.Length;
        var sum = default(CompensatedSum);
        int i = 0, j = 0;
        double x = Math.Min(u[0], v[0]);
        while (i < n || j < m)
        {
            // Step past every value equal to x: i and j become the counts of values <= x.
            while (i < n && u[i] == x)
            {
                i++;
            }

            while (j < m && v[j] == x)
            {
                j++;
            }

            if (i == n && j == m)
            {
                break;
            }

            double next = i == n ? v[j] : j == m ? u[i] : Math.Min(u[i], v[j]);
            long c = Math.Abs((i * m) - (j * n));
            if (c != 0)
            {
                var (hi, lo) = CompensatedSum.TwoDiff(next, x);
                sum.AddProduct(c, hi);
                sum.AddProduct(c, lo);
            }

            x = next;
        }

        return sum.Value / ((double)n * m);
    }

    private static double WeightedDistance(double[] u, double[] uw, double[] v, double[] vw)
    {
        double su = Total(uw), sv = Total(vw);
        var sum = default(CompensatedSum);
        var cu = default(CompensatedSum);
        var cv = default(CompensatedSum);
        int i = 0, j = 0, n = u.Length, m = v.Length;
        double x = Math.Min(u[0], v[0]);
        while (i < n || j < m)
        {
            while (i < n && u[i] == x)
            {
                cu.Add(uw[i++]);
            }

            while (j < m && v[j] == x)
            {
                cv.Add(vw[j++]);
            }

            if (i == n && j == m)
            {
                break;
            }

            double next = i == n ? v[j] : j == m ? u[i] : Math.Min(u[i], v[j]);

            // |cu/su − cv/sv| = |cu·sv − cv·su| / (su·sv), the products kept exactly.
            double a = cu.Value * sv, ea = Math.FusedMultiplyAdd(cu.Value, sv, -a);
            double b = cv.Value * su, eb = Math.FusedMultiplyAdd(cv.Value, su, -b);
            double diff = Math.Abs((a - b) + (ea - eb));
            var (hi, lo) = CompensatedSum.TwoDiff(next, x);
            sum.AddProduct(diff, hi);
            sum.AddProduct(diff, lo);
            x = next;
        }

        return sum.Value / (su * sv);
    }

    private static (double[] Values, double[] Weights, int NaN) Weighted(
        ReadOnlySpan<double> values, ReadOnlySpan<double> weights, string valuesName, string weightsName)
    {
        if (values.Length != weights.Length)
        {
            throw new ArgumentException($"Expected one weight per value ({values.Length}), got {weights.Length}.", weightsName);
        }

        var keptValues = new List<double>(values.Length);
        var keptWeights = new List<double>(values.Length);
        int nan = 0;
        for (int k = 0; k < values.Length; k++)
        {
            double w = weights[k];
            if (!double.IsFinite(w) || w < 0)
            {
                throw new ArgumentException($"Weight {k} is {w}; weights must be finite and non-negative.", weightsName);
            }

            if (double.IsNaN(values[k]))
            {
                nan++;
                continue;
            }

            keptValues.Add(values[k]);
            keptWeights.Add(w);
        }

        SampleGuard.RequireValues(values.Length, nan, valuesName);
        double[] v = [.. keptValues];
        double[] wts = [.. keptWeights];
        RequireFinite(v, valuesName);
        if (!(Total(wts) > 0))
        {
            throw new ArgumentException("The weights of the non-NaN values sum to zero.", weightsName);
        }

        return (v, wts, nan);
    }

    private static void RequireFinite(double[] values, string paramName)
    {
        foreach (double x in values)
        {
            if (double.IsInfinity(x))
            {
                throw new ArgumentException("The sample holds an infinite value; W1 would be infinite or undefined.", paramName);
            }
        }
    }

    private static double Total(ReadOnlySpan<double> values)
    {
        var sum = default(CompensatedSum);
        foreach (double x in values)
        {
            sum.Add(x);
        }

        return sum.Value;
    }

    /// <summary>
    /// Population standard deviation by the corrected two-pass algorithm (Chan, Golub and LeVeque,
    /// "Algorithms for computing the sample variance", 1983, eq. 1.7) with compensated sums.
    /// </summary>
    internal static double PopulationStandardDeviation(ReadOnlySpan<double> x)
    {
        double mean = Total(x) / x.Length;
        var squares = default(CompensatedSum);
        var deviations = default(CompensatedSum);
        foreach (double value in x)
        {
            double d = value - mean;
            squares.AddProduct(d, d);
            deviations.Add(d);
        }

        double correction = deviations.Value * deviations.Value / x.Length;
        return Math.Sqrt(Math.Max(0, (squares.Value - correction) / x.Length));
    }

    private static double WeightedStandardDeviation(double[] x, double[] w)
    {
        double total = Total(w);
        var weightedSum = default(CompensatedSum);
        for (int k = 0; k < x.Length; k++)
        {
            weightedSum.AddProduct(w[k], x[k]);
        }

        double mean = weightedSum.Value / total;
        var squares = default(CompensatedSum);
        for (int k = 0; k < x.Length; k++)
        {
            double d = x[k] - mean;
            squares.Add(w[k] * d * d);
        }

        return Math.Sqrt(Math.Max(0, squares.Value / total));
    }
}

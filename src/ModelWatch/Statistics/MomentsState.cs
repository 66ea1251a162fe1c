namespace ModelWatch.Statistics;

/// <summary>
/// The arithmetic of <see cref="Moments"/> as a plain struct, so the monitoring runtime can keep
/// many of them in flat arrays and update them by <c>ref</c> without an object per feature.
/// </summary>
/// <remarks>
/// <para>
/// Values are accumulated relative to a shift <see cref="Shift"/> (the first finite value seen):
/// for data such as 1e15 + small integers the shifted values are small and exact, so Welford's
/// update keeps full precision, where plain Welford on the raw values loses about 1e-2 relative
/// in the variance (the ulp at 1e15 is 0.125).
/// </para>
/// <para>
/// The shifted values are also scaled by a power of two, 2^−<see cref="ScaleExponent"/>, chosen from
/// the first nonzero deviation, so that the fourth power of a deviation neither underflows (data at
/// the 1e-100 scale, where (x − mean)⁴ ≈ 1e-400) nor overflows. Power-of-two scaling is exact.
/// </para>
/// <para>
/// Update: Welford (1962) extended to the third and fourth central moments (Terriberry 2007;
/// Pébay, "Formulas for robust, one-pass parallel computation of covariances and arbitrary-order
/// statistical moments", Sandia SAND2008-6212, eqs. 1.3–1.5). Merge: Chan, Golub and LeVeque
/// (1979) for M2 and Pébay (2008) eq. 2.1 for M3 and M4.
/// </para>
/// </remarks>
internal struct MomentsState
{
    /// <summary>Number of finite values added.</summary>
    public long Count;

    /// <summary>Origin of the shifted coordinates (the first finite value).</summary>
    public double Shift;

    /// <summary>Binary exponent of the scale: accumulated values are y = (x − Shift)·2^−ScaleExponent.</summary>
    public int ScaleExponent;

    /// <summary>Whether <see cref="ScaleExponent"/> has been chosen (at the first nonzero deviation).</summary>
    public bool HasScale;

    /// <summary>2^−ScaleExponent, cached for the update.</summary>
    public double InverseScale;

    /// <summary>Mean of y.</summary>
    public double ShiftedMean;

    /// <summary>Σ (y − mean)², Σ (y − mean)³, Σ (y − mean)⁴ in scaled coordinates.</summary>
    public double M2, M3, M4;

    public double Min, Max;

    /// <summary>NaN values: missing, never part of the moments.</summary>
    public long MissingCount;

    /// <summary>±Infinity values: counted, never part of the moments.</summary>
    public long NonFiniteCount;

    public static MomentsState Empty => new()
    {
        Min = double.PositiveInfinity,
        Max = double.NegativeInfinity,
        InverseScale = 1.0,
    };

    private readonly double Scale => Math.ScaleB(1.0, ScaleExponent);

    public void Add(double x)
    {
        if (!double.IsFinite(x))
        {
            if (double.IsNaN(x))
            {
                MissingCount++;
            }
            else
            {
                NonFiniteCount++;
            }

            return;
        }

        if (Count == 0)
        {
            Shift = x;
        }

        double d = x - Shift;
        if (!HasScale && d != 0)
        {
            ChooseScale(d);
        }

        long n1 = Count;
        long n = n1 + 1;
        Count = n;
        // 1/n does not depend on the data, so the division runs off the critical path of the
        // update chain (a multiply replaces the dependent divide; the result differs by at most an ulp).
        double invN = 1.0 / n;
        double delta = d * InverseScale - ShiftedMean;
        double deltaN = delta * invN;
        double deltaN2 = deltaN * deltaN;
        double term1 = delta * deltaN * n1;
        ShiftedMean += deltaN;
        M4 += term1 * deltaN2 * ((double)n * n - 3.0 * n + 3.0) + 6.0 * deltaN2 * M2 - 4.0 * deltaN * M3;
        M3 += term1 * deltaN * (n - 2.0) - 3.0 * deltaN * M2;
        M2 += term1;

        if (x < Min)
        {
            Min = x;
        }

        if (x > Max)
        {
            Max = x;
        }
    }

    private void ChooseScale(double firstDeviation)
    {
        // Until now every deviation was 0, so the sums are 0 in any scale.
        ScaleExponent = Math.Clamp(Math.ILogB(firstDeviation), -1000, 1000);
        InverseScale = Math.ScaleB(1.0, -ScaleExponent);
        HasScale = true;
    }

    /// <summary>Adds the state of <paramref name="other"/>; the result keeps this state's shift.</summary>
    public void Merge(in MomentsState other)
    {
        MissingCount += other.MissingCount;
        NonFiniteCount += other.NonFiniteCount;
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            long missing = MissingCount, nonFinite = NonFiniteCount;
            this = other;
            MissingCount = missing;
            NonFiniteCount = nonFinite;
            return;
        }

        double shiftGap = other.Shift - Shift;
        if (!HasScale)
        {
            if (other.HasScale)
            {
                ChooseScale(Math.ScaleB(1.0, other.ScaleExponent));
            }
            else if (shiftGap != 0)
            {
                ChooseScale(shiftGap);
            }
        }

        // The other state's sums in this state's scale (exact: a power of two).
        int rescale = other.HasScale ? other.ScaleExponent - ScaleExponent : 0;
        double f = Math.ScaleB(1.0, rescale);
        double f2 = f * f;
        double bMean = other.ShiftedMean * f, bM2 = other.M2 * f2, bM3 = other.M3 * f2 * f, bM4 = other.M4 * f2 * f2;

        double nA = Count, nB = other.Count;
        double n = nA + nB;

        // Both means in this state's coordinates. Shifts are usually close, so their difference is
        // exact (Sterbenz) and the small shifted means carry the precision.
        double delta = shiftGap * InverseScale + (bMean - ShiftedMean);
        double delta2 = delta * delta;
        double nAnB = nA * nB;

        double m2 = M2 + bM2 + delta2 * nAnB / n;
        double m3 = M3 + bM3
            + delta * delta2 * nAnB * (nA - nB) / (n * n)
            + 3.0 * delta * (nA * bM2 - nB * M2) / n;
        double m4 = M4 + bM4
            + delta2 * delta2 * nAnB * (nA * nA - nAnB + nB * nB) / (n * n * n)
            + 6.0 * delta2 * (nA * nA * bM2 + nB * nB * M2) / (n * n)
            + 4.0 * delta * (nA * bM3 - nB * M3) / n;

        ShiftedMean += delta * (nB / n);
        M2 = m2;
        M3 = m3;
        M4 = m4;
        Count += other.Count;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    public readonly double Mean => Count == 0 ? double.NaN : Shift + ShiftedMean * Scale;

    public readonly double Sum => Count == 0 ? 0.0 : Count * Shift + Count * ShiftedMean * Scale;

    public readonly double PopulationVariance => Count == 0 ? double.NaN : Unscale2(M2 / Count);

    public readonly double SampleVariance => Count < 2 ? double.NaN : Unscale2(M2 / (Count - 1));

    public readonly double Skewness =>
        Count == 0 || M2 <= 0 ? double.NaN : Math.Sqrt((double)Count) * M3 / Math.Pow(M2, 1.5);

    public readonly double SampleSkewness =>
        Count <= 2 || M2 <= 0 ? double.NaN : Skewness * Math.Sqrt((double)Count * (Count - 1)) / (Count - 2.0);

    public readonly double ExcessKurtosis =>
        Count == 0 || M2 <= 0 ? double.NaN : Count * M4 / (M2 * M2) - 3.0;

    /// <summary>Undoes the scale of a second-order quantity (×2^(2·ScaleExponent)), never negative.</summary>
    private readonly double Unscale2(double scaled) => Math.ScaleB(Math.Max(scaled, 0.0), 2 * ScaleExponent);
}

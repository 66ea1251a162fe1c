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

    /// <summary>Mean of y, as rounded by the running update.</summary>
    public double ShiftedMean;

    /// <summary>
    /// What the running update's additions to <see cref="ShiftedMean"/> rounded away (Knuth's TwoSum,
    /// decayed by the update's own weight): the mean is ShiftedMean + MeanError. Without it a long
    /// stream of large values of mixed sign drifts by about √n·ε·max|x|.
    /// </summary>
    public double MeanError;

    /// <summary>Σ (y − mean)², Σ (y − mean)³, Σ (y − mean)⁴ in scaled coordinates.</summary>
    public double M2, M3, M4;

    public double Min, Max;

    /// <summary>NaN and ±Infinity values: counted, never part of the moments.</summary>
    public ExcludedValues Excluded;

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
            Excluded.Add(x);
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

        // A deviation far beyond the scale chosen so far (1e308 after values near 1): move to a coarser
        // scale first, so that its fourth power cannot overflow the sums.
        if (!(Math.Abs(d * InverseScale) <= MaxScaledDeviation))
        {
            Rescale(x);
            d = x - Shift;
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

        // The update adds (y − ShiftedMean)/n; the exact update adds (y − mean)/n, which is
        // MeanError/n less: so the kept error decays by 1/n and gains what this addition rounds away.
        // All of it is off the update's critical path.
        double mean = ShiftedMean + deltaN;
        double addend = mean - ShiftedMean;
        MeanError += ((ShiftedMean - (mean - addend)) + (deltaN - addend)) - MeanError * invN;
        ShiftedMean = mean;
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

    /// <summary>The coarsest scale, 2^1000: it keeps the scale itself and the largest doubles' scaled values finite.</summary>
    private const int MaxScaleExponent = 1000;

    /// <summary>The largest scaled deviation accepted as is: its fourth power (1e152) times any count stays finite.</summary>
    private const double MaxScaledDeviation = 1e38;

    /// <summary>
    /// Coarsens the scale so that <paramref name="x"/>'s deviation fits (exact: the sums are multiplied
    /// by powers of two; contributions far below the new scale may round away, as they would in any
    /// sum dominated by a value 2^128 times larger). When the deviation itself overflows a double
    /// (values of opposite sign near ±1.8e308), the shift moves to 0 first.
    /// </summary>
    private void Rescale(double x)
    {
        double d = x - Shift;
        if (!double.IsFinite(d))
        {
            RecentreOnZero();
            d = x;
        }

        RescaleTo(Math.Min(Math.ILogB(d), MaxScaleExponent));
    }

    /// <summary>Moves the shift to 0 (the mean in the new coordinates is the old one plus the scaled shift).</summary>
    private void RecentreOnZero()
    {
        if (Shift == 0)
        {
            return;
        }

        RescaleTo(Math.Min(Math.ILogB(Shift) + 1, MaxScaleExponent));
        AddToMean(Shift * InverseScale);
        Shift = 0;
    }

    /// <summary>Moves the sums to the scale 2^<paramref name="exponent"/> (not finer than the current one).</summary>
    private void RescaleTo(int exponent)
    {
        if (HasScale && exponent <= ScaleExponent)
        {
            return;
        }

        int shift = HasScale ? exponent - ScaleExponent : exponent;
        double f = Math.ScaleB(1.0, -shift);
        ShiftedMean *= f;
        MeanError *= f;
        M2 *= f * f;
        M3 *= f * f * f;
        M4 *= f * f * f * f;
        ScaleExponent = exponent;
        InverseScale = Math.ScaleB(1.0, -exponent);
        HasScale = true;
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
        Excluded.Merge(other.Excluded);
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            var excluded = Excluded;
            this = other;
            Excluded = excluded;
            return;
        }

        // Shifts of opposite sign near ±1.8e308 are too far apart for a double: both move to 0 first.
        var b0 = other;
        if (!double.IsFinite(other.Shift - Shift))
        {
            RecentreOnZero();
            b0.RecentreOnZero();
        }

        // The coarser of the two scales, so that neither side's sums overflow when converted.
        if (b0.HasScale && b0.ScaleExponent > ScaleExponent)
        {
            RescaleTo(b0.ScaleExponent);
        }

        double shiftGap = b0.Shift - Shift;
        if (!HasScale)
        {
            if (b0.HasScale)
            {
                ChooseScale(Math.ScaleB(1.0, b0.ScaleExponent));
            }
            else if (shiftGap != 0)
            {
                ChooseScale(shiftGap);
            }
        }

        // Shifts far apart on this scale (1e3 and 1e308): coarsen it, or the gap's fourth power overflows.
        if (!(Math.Abs(shiftGap * InverseScale) <= MaxScaledDeviation))
        {
            RescaleTo(Math.Min(Math.ILogB(shiftGap), MaxScaleExponent));
        }

        // Sums already near the double limit (a hostile or damaged snapshot) could overflow when
        // added: then both sides move to a coarser scale and the merge is computed again.
        double m2, m3, m4, meanStep;
        while (true)
        {
            // The other state's sums in this state's scale (exact: a power of two).
            int rescale = b0.HasScale ? b0.ScaleExponent - ScaleExponent : 0;
            double f = Math.ScaleB(1.0, rescale);
            double f2 = f * f;
            double bMean = (b0.ShiftedMean + b0.MeanError) * f, bM2 = b0.M2 * f2, bM3 = b0.M3 * f2 * f, bM4 = b0.M4 * f2 * f2;

            double nA = Count, nB = b0.Count;
            double n = nA + nB;

            // Both means in this state's coordinates. Shifts are usually close, so their difference is
            // exact (Sterbenz) and the small shifted means carry the precision.
            double delta = shiftGap * InverseScale + (bMean - (ShiftedMean + MeanError));
            double delta2 = delta * delta;
            double nAnB = nA * nB;

            m2 = M2 + bM2 + delta2 * nAnB / n;
            m3 = M3 + bM3
                + delta * delta2 * nAnB * (nA - nB) / (n * n)
                + 3.0 * delta * (nA * bM2 - nB * M2) / n;
            m4 = M4 + bM4
                + delta2 * delta2 * nAnB * (nA * nA - nAnB + nB * nB) / (n * n * n)
                + 6.0 * delta2 * (nA * nA * bM2 + nB * nB * M2) / (n * n)
                + 4.0 * delta * (nA * bM3 - nB * M3) / n;
            meanStep = delta * (nB / n);
            if (double.IsFinite(m2) && double.IsFinite(m3) && double.IsFinite(m4))
            {
                break;
            }

            if (ScaleExponent >= MaxScaleExponent)
            {
                throw new OverflowException("The merged moment sums exceed the range of a double even at the coarsest scale.");
            }

            RescaleTo(Math.Min(ScaleExponent + 128, MaxScaleExponent));
            b0.RescaleTo(ScaleExponent);
        }

        AddToMean(meanStep);
        M2 = m2;
        M3 = m3;
        M4 = m4;
        Count += b0.Count;
        Min = Math.Min(Min, b0.Min);
        Max = Math.Max(Max, b0.Max);
    }

    /// <summary>The mean of y with the rounding the running update kept aside.</summary>
    public readonly double CompensatedShiftedMean => ShiftedMean + MeanError;

    public readonly double Mean => Count == 0 ? double.NaN : Shift + CompensatedShiftedMean * Scale;

    public readonly double Sum => Count == 0 ? 0.0 : Count * Shift + Count * CompensatedShiftedMean * Scale;

    public readonly double PopulationVariance => Count == 0 ? double.NaN : Unscale2(M2 / Count);

    public readonly double SampleVariance => Count < 2 ? double.NaN : Unscale2(M2 / (Count - 1));

    public readonly double Skewness =>
        Count == 0 || M2 <= 0 ? double.NaN : Math.Sqrt((double)Count) * M3 / Math.Pow(M2, 1.5);

    public readonly double SampleSkewness =>
        Count <= 2 || M2 <= 0 ? double.NaN : Skewness * Math.Sqrt((double)Count * (Count - 1)) / (Count - 2.0);

    public readonly double ExcessKurtosis =>
        Count == 0 || M2 <= 0 ? double.NaN : Count * M4 / (M2 * M2) - 3.0;

    /// <summary>Adds to the mean of y, keeping what the addition rounds away (TwoSum).</summary>
    private void AddToMean(double step)
    {
        double mean = ShiftedMean + step;
        double addend = mean - ShiftedMean;
        MeanError += (ShiftedMean - (mean - addend)) + (step - addend);
        ShiftedMean = mean;
    }

    /// <summary>Undoes the scale of a second-order quantity (×2^(2·ScaleExponent)), never negative.</summary>
    private readonly double Unscale2(double scaled) => Math.ScaleB(Math.Max(scaled, 0.0), 2 * ScaleExponent);
}

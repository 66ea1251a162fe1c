using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// What a window keeps for one numeric column on the logging path: data-quality counts, min, max
/// and the first two power sums of x − Center. One cache line, updated by <c>ref</c>.
/// </summary>
/// <remarks>
/// Power sums instead of Welford's update: two multiply-adds and no division per value, which the
/// logging budget (about 8 ns per value) needs. The center is the column's first value in the
/// window, so the sums stay small and the variance keeps about 1e-12 relative precision unless the
/// window's first value lies many standard deviations from its mean. Merging converts one side's
/// sums to the other's center exactly as the binomial expansion says.
/// </remarks>
internal struct NumericCell
{
    public long Count;
    public long Missing;
    public long NonFinite;
    public long OutOfRange;
    public double Center;
    public double Sum1;
    public double Sum2;
    public double Min;
    public double Max;

    public static NumericCell Empty => new() { Min = double.PositiveInfinity, Max = double.NegativeInfinity };

    public readonly double Mean => Count == 0 ? double.NaN : Center + Sum1 / Count;

    public readonly double PopulationVariance
    {
        get
        {
            if (Count == 0)
            {
                return double.NaN;
            }

            // Deviations near ±1e308 overflow the sums: the spread is then too large to represent.
            if (!double.IsFinite(Sum1) || !double.IsFinite(Sum2))
            {
                return double.PositiveInfinity;
            }

            double m = Sum1 / Count;
            return Math.Max(Sum2 / Count - m * m, 0.0);
        }
    }

    /// <summary>
    /// Counts one value: a finite one into the count, the shifted sums and the range; NaN as
    /// missing; ±Infinity as non-finite. The one place a numeric value is added to a window.
    /// </summary>
    /// <returns>Whether the value was finite.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(double x)
    {
        if (!double.IsFinite(x))
        {
            if (double.IsNaN(x))
            {
                Missing++;
            }
            else
            {
                NonFinite++;
            }

            return false;
        }

        if (Count == 0)
        {
            Center = x;
        }

        Count++;
        double d = x - Center;
        Sum1 += d;
        Sum2 += d * d;

        // Plain compares (x is finite): cheaper than Math.Min/Max, which also order NaN and −0.
        if (x < Min)
        {
            Min = x;
        }

        if (x > Max)
        {
            Max = x;
        }

        return true;
    }

    public void Merge(in NumericCell other)
    {
        Missing += other.Missing;
        NonFinite += other.NonFinite;
        OutOfRange += other.OutOfRange;
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            Center = other.Center;
            Sum1 = other.Sum1;
            Sum2 = other.Sum2;
        }
        else
        {
            // Σ(x − c) = Σ(x − c') + n·(c' − c); Σ(x − c)² = Σ(x − c')² + 2(c' − c)·Σ(x − c') + n·(c' − c)².
            double shift = other.Center - Center;
            Sum2 += other.Sum2 + 2 * shift * other.Sum1 + other.Count * shift * shift;
            Sum1 += other.Sum1 + other.Count * shift;
        }

        Count += other.Count;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }
}

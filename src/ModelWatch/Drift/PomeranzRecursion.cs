using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>
/// P(Dₙ &lt; d) for the two-sided one-sample Kolmogorov–Smirnov statistic by Pomeranz's recursion
/// (J. Pomeranz, "Exact cumulative distribution of the Kolmogorov–Smirnov statistic for small
/// samples", Algorithm 487, CACM 17(12), 1974), as organised by Simard and L'Ecuyer (2011, §2.2) and
/// SciPy's <c>_kolmogn_Pomeranz</c>.
/// </summary>
/// <remarks>
/// The uniform order statistics are tracked across 2n + 2 breakpoints A₁ &lt; A₂ &lt; … spaced
/// alternately g/n, (1 − 2g)/n and 2g/n apart (t = n·d, g = min(frac(t), 1 − frac(t))). Row i of the
/// recursion is the previous row convolved with the Poisson-like weights (δ/n)^j/j! of the gap δ
/// before A_i, restricted to the counts the band allows there; the answer is n!·V[2n+1][n].
/// Only two rows of at most 2(⌊t⌋ + 1) entries are live, and rows are rescaled by 2^128 when their
/// entries become small, so the method is exact up to rounding for the small n (≤ 140) it serves.
/// </remarks>
internal static class PomeranzRecursion
{
    /// <summary>P(Dₙ &lt; d) for 1 &lt; n·d (callers use it for n ≤ 140).</summary>
    public static double Cdf(int n, double d)
    {
        double t = n * d;
        int whole = (int)Math.Floor(t);
        double frac = t - whole;
        double g = Math.Min(frac, 1.0 - frac);
        int ceilF = frac > 0 ? 1 : 0;
        int roundF = frac > 0.5 ? 1 : 0;
        int width = 2 * (whole + 1);

        // (δ/n)^j / j! for the three gap lengths δ = g, 2g and 1 − 2g.
        var gapG = new double[width];
        var gap2G = new double[width];
        var gap1Minus2G = new double[width];
        gapG[0] = gap2G[0] = gap1Minus2G[0] = 1.0;
        for (int j = 1; j < width; j++)
        {
            gapG[j] = gapG[j - 1] * (g / n) / j;
            gap2G[j] = gap2G[j - 1] * (2 * g / n) / j;
            gap1Minus2G[j] = gap1Minus2G[j - 1] * ((1 - 2 * g) / n) / j;
        }

        // previous/current rows hold columns [start, start + width) of V.
        var previous = new double[width];
        var current = new double[width];
        current[0] = 1.0;
        int currentStart = 0;
        long exponent = 0;
        (int lo, int hi) = Window(0, n, whole, ceilF, roundF);
        for (int i = 1; i <= 2 * n + 1; i++)
        {
            int previousLo = lo;
            (previous, current) = (current, previous);
            int previousStart = currentStart;
            Array.Clear(current);
            (lo, hi) = Window(i, n, whole, ceilF, roundF);
            double[] weights = i == 1 || i == 2 * n + 1 ? gapG : (i % 2 == 1 ? gap2G : gap1Minus2G);

            // V_i[j] = Σ_{c = previousLo..j} V_{i−1}[c] · weights[j − c], for j in [lo, hi].
            double largest = 0;
            for (int j = lo; j <= hi; j++)
            {
                double sum = 0;
                for (int c = previousLo; c <= j; c++)
                {
                    int index = c - previousStart;
                    if (index >= width)
                    {
                        break;
                    }

                    sum += previous[index] * weights[j - c];
                }

                current[j - lo] = sum;
                largest = Math.Max(largest, sum);
            }

            currentStart = lo;
            if (largest > 0 && largest < BinaryScale.Small)
            {
                for (int j = 0; j <= hi - lo; j++)
                {
                    current[j] *= BinaryScale.Big;
                }

                exponent -= BinaryScale.Bits;
            }
        }

        // n!·V[2n+1][n], rescaling before the factorial overflows.
        double answer = current[n - currentStart];
        for (int f = 1; f <= n; f++)
        {
            if (Math.Abs(answer) > BinaryScale.Big)
            {
                answer *= BinaryScale.Small;
                exponent += BinaryScale.Bits;
            }

            answer *= f;
        }

        return BinaryScale.ToProbability(answer, exponent);
    }

    /// <summary>
    /// The counts j allowed at breakpoint i: the integer form of ⌊A_i − t⌋ + 1 ≤ j ≤ ⌈A_i + t⌉ − 1
    /// (clipped to [0, n]), written with integers so that rounding of t cannot move a boundary.
    /// </summary>
    private static (int Lo, int Hi) Window(int i, int n, int whole, int ceilF, int roundF)
    {
        int lo;
        int hi;
        if (i == 0)
        {
            lo = -whole - ceilF - 1;
            hi = whole + ceilF - 1;
        }
        else
        {
            int half = (i + 1) / 2;
            if ((i + 1) % 2 == 0)
            {
                // odd i: breakpoints half + frac-side offsets
                if (half == n + 1)
                {
                    lo = n - whole - ceilF - 1;
                    hi = n + whole + ceilF - 1;
                }
                else
                {
                    lo = half - 1 - whole - roundF - 1;
                    hi = half + whole - 1 + ceilF - 1;
                }
            }
            else
            {
                lo = half - 1 - whole - 1;
                hi = half + whole + roundF - 1;
            }
        }

        return (Math.Max(lo + 2, 0), Math.Min(hi, n));
    }
}

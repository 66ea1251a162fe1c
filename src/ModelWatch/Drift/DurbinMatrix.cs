using System.Numerics;
using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>
/// P(Dₙ &lt; d) for the two-sided one-sample Kolmogorov–Smirnov statistic by Durbin's matrix method
/// in the form of Marsaglia, Tsang and Wang ("Evaluating Kolmogorov's distribution", J. Stat. Softw.
/// 8(18), 2003); SciPy's <c>_kolmogn_DMTW</c>.
/// </summary>
/// <remarks>
/// With n·d = k − h (k an integer, 0 ≤ h &lt; 1) and the (2k−1)×(2k−1) matrix
/// H[r][c] = 1/(r − c + 1)! (0 above the first super-diagonal), with the first column and last row
/// corrected by h-powers, P(Dₙ &lt; d) = n!/nⁿ · (Hⁿ)[k−1][k−1]. The power is taken by repeated squaring
/// with the scale kept in a separate binary exponent, so nothing overflows: O(k³ log n) time,
/// O(k²) memory. Used where n·d is small (k ≤ ~60).
/// </remarks>
internal static class DurbinMatrix
{
    /// <summary>P(Dₙ &lt; d), the CDF of the two-sided one-sample statistic.</summary>
    public static double Cdf(long n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        double nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        int k = (int)Math.Ceiling(nd);
        double h = k - nd;
        int m = 2 * k - 1;

        // Build H.
        var hMatrix = new double[m * m];
        var inverseFactorial = new double[m + 1];
        inverseFactorial[0] = 1.0;
        for (int j = 1; j <= m; j++)
        {
            inverseFactorial[j] = inverseFactorial[j - 1] / j; // may underflow for large m: harmless
        }

        for (int r = 0; r < m; r++)
        {
            for (int c = 0; c < m; c++)
            {
                int e = r - c + 1;
                hMatrix[r * m + c] = e >= 0 ? inverseFactorial[e] : 0.0;
            }
        }

        for (int r = 0; r < m; r++)
        {
            // First column: (1 − h^(r+1))/(r+1)!; last row, mirrored: (1 − h^(m−c))/(m−c)!.
            hMatrix[r * m] = (1.0 - Math.Pow(h, r + 1)) * inverseFactorial[r + 1];
            hMatrix[(m - 1) * m + (m - 1 - r)] = hMatrix[r * m];
        }

        // The corner takes both corrections and adds back (2h − 1)^m when 2h > 1.
        hMatrix[(m - 1) * m] = (1.0 - 2 * Math.Pow(h, m) + Math.Pow(Math.Max(2 * h - 1, 0.0), m)) * inverseFactorial[m];

        // Hⁿ by squaring, with binary exponents kept aside.
        var power = Identity(m);
        long powerExponent = 0;
        long baseExponent = 0;
        var scratch = new double[m * m];
        long remaining = n;
        while (remaining > 0)
        {
            if ((remaining & 1) != 0)
            {
                Multiply(power, hMatrix, scratch, m);
                (power, scratch) = (scratch, power);
                powerExponent += baseExponent;
            }

            remaining >>= 1;
            if (remaining == 0)
            {
                break;
            }

            Multiply(hMatrix, hMatrix, scratch, m);
            (hMatrix, scratch) = (scratch, hMatrix);
            baseExponent *= 2;
            if (Math.Abs(hMatrix[(k - 1) * m + (k - 1)]) > BinaryScale.Big)
            {
                for (int i = 0; i < hMatrix.Length; i++)
                {
                    hMatrix[i] *= BinaryScale.Small;
                }

                baseExponent += BinaryScale.Bits;
            }
        }

        // Multiply by n!/nⁿ = Π (i/n), rescaling before it underflows.
        double p = power[(k - 1) * m + (k - 1)];
        long exponent = powerExponent;
        double nDouble = n;
        for (long i = 1; i <= n; i++)
        {
            p = i * p / nDouble;
            if (Math.Abs(p) < BinaryScale.Small)
            {
                p *= BinaryScale.Big;
                exponent -= BinaryScale.Bits;
            }
        }

        return BinaryScale.ToProbability(p, exponent);
    }

    private static double[] Identity(int m)
    {
        var identity = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            identity[i * m + i] = 1.0;
        }

        return identity;
    }

    /// <summary>c = a·b for m×m row-major matrices (i-k-j order: the inner loop is a contiguous axpy).</summary>
    private static void Multiply(double[] a, double[] b, double[] c, int m)
    {
        Array.Clear(c, 0, m * m);
        for (int i = 0; i < m; i++)
        {
            Span<double> row = c.AsSpan(i * m, m);
            for (int k = 0; k < m; k++)
            {
                double aik = a[i * m + k];
                if (aik == 0.0)
                {
                    continue;
                }

                ReadOnlySpan<double> bRow = b.AsSpan(k * m, m);
                int j = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    var factor = new Vector<double>(aik);
                    for (; j <= m - Vector<double>.Count; j += Vector<double>.Count)
                    {
                        var sum = new Vector<double>(row[j..]) + (factor * new Vector<double>(bRow[j..]));
                        sum.CopyTo(row[j..]);
                    }
                }

                for (; j < m; j++)
                {
                    row[j] += aik * bRow[j];
                }
            }
        }
    }
}

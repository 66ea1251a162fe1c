namespace ModelWatch.Drift;

/// <summary>
/// The Pelz–Good asymptotic series for P(Dₙ ≤ x), the two-sided one-sample Kolmogorov–Smirnov CDF
/// (W. Pelz and I. J. Good, "Approximating the lower tail-areas of the Kolmogorov–Smirnov one-sample
/// statistic", JRSS B 38(2), 1976; used for large n by Simard and L'Ecuyer 2011, §3, and SciPy's
/// <c>_kolmogn_PelzGood</c>).
/// </summary>
/// <remarks>
/// Li-Chien's and Korolyuk's expansion P(Dₙ ≤ x) ≈ K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^(3/2), z = x√n,
/// with every Kᵢ rewritten through Jacobi's theta-function identity into sums of
/// exp(−(2k−1)²π²/(8z²)) and exp(−k²π²/(2z²)), which converge fast for the small z where it is used.
/// Simard and L'Ecuyer report an absolute error below ~10^-10 for n &gt; 140 in its region.
/// </remarks>
internal static class PelzGood
{
    private const double Pi2 = Math.PI * Math.PI;
    private const double Pi4 = Pi2 * Pi2;
    private const double Pi6 = Pi4 * Pi2;
    private const double SqrtTwoPi = 2.5066282746310002; // √(2π)
    private const double MinLog = -708; // below this exp() gives (sub)normal junk or zero

    /// <summary>P(Dₙ ≤ x) by the Pelz–Good series.</summary>
    public static double Cdf(double n, double x)
    {
        if (x <= 0)
        {
            return 0.0;
        }

        if (x >= 1)
        {
            return 1.0;
        }

        double z = Math.Sqrt(n) * x;
        double z2 = z * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double z8 = z4 * z4;
        double oddExponent = -Pi2 / (8 * z2); // ln of exp(−π²/(8z²)), the odd-index base
        if (oddExponent < MinLog)
        {
            return 0.0; // z below ~0.0417: every term underflows
        }

        // Sums over odd m = 2k − 1 of c_i(m)·exp(−m²π²/(8z²)).
        int terms = (int)Math.Ceiling(16 * z / Math.PI);
        double k0 = 0;
        double k1 = 0;
        double k2 = 0;
        double k3 = 0;
        for (int k = terms; k >= 1; k--)
        {
            double m = 2 * k - 1;
            double m2 = m * m;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double e = Math.Exp(oddExponent * m2);
            k0 += e;
            k1 += (Pi2 * m2 / 4 - z2) * e;
            k2 += (6 * z6 + 2 * z4 + (2 * z4 - 5 * z2) * Pi2 / 4 * m2 + Pi4 * (1 - 2 * z2) / 16 * m4) * e;
            k3 += (-30 * z6 - 90 * z8
                + Pi2 * (135 * z4 - 96 * z6) / 4 * m2
                + Pi4 * (-60 * z2 + 212 * z4) / 16 * m4
                + Pi6 * (5 - 30 * z2) / 64 * m6) * e;
        }

        k0 *= SqrtTwoPi / z;
        k1 *= SqrtTwoPi / (6 * z4);
        k2 *= SqrtTwoPi / (72 * z6 * z);
        k3 *= SqrtTwoPi / (6480 * z8 * z2);

        // Sums over all k of k²·exp(−k²π²/(2z²)) (K₂) and (3z² − π²k²)·k²·exp(…) (K₃).
        double evenExponent = -Pi2 / (2 * z2);
        double extra2 = 0;
        double extra3 = 0;
        for (int k = terms; k >= 1; k--)
        {
            double kk = (double)k * k;
            double e = Math.Exp(evenExponent * kk);
            extra2 += kk * e;
            extra3 += (3 * z2 - Pi2 * kk) * kk * e;
        }

        k2 += extra2 * Pi2 * SqrtTwoPi / (-36 * z2 * z);
        k3 += extra3 * Pi2 * SqrtTwoPi / (216 * z6);

        double sqrtN = Math.Sqrt(n);
        return k0 + k1 / sqrtN + k2 / n + k3 / (n * sqrtN);
    }
}

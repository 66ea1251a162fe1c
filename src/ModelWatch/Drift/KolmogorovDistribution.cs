namespace ModelWatch.Drift;

/// <summary>
/// The exact distribution of the two-sided <em>one-sample</em> Kolmogorov–Smirnov statistic Dₙ:
/// <see cref="Sf"/> is SciPy's <c>scipy.stats.kstwo.sf(x, n)</c>.
/// </summary>
/// <remarks>
/// <para>
/// No single method is both fast and accurate everywhere, so the (n, x) plane is split as Simard and
/// L'Ecuyer propose ("Computing the two-sided Kolmogorov–Smirnov distribution", J. Stat. Softw.
/// 39(11), 2011) and as SciPy's <c>_kolmogn</c> implements it (the same cut-offs, so that results agree
/// with SciPy to far better than the 10^-6 the oracle tests demand):
/// </para>
/// <list type="bullet">
/// <item>x ≤ 1/(2n): P(Dₙ ≥ x) = 1; x ≥ 1: 0.</item>
/// <item>n·x ≤ 1: Ruben–Gambino, P(Dₙ &lt; x) = n!/nⁿ · (2nx − 1)ⁿ.</item>
/// <item>n·x ≥ n − 1: Ruben–Gambino, P(Dₙ ≥ x) = 2(1 − x)ⁿ.</item>
/// <item>x ≥ 1/2: P(Dₙ ≥ x) = 2·P(D⁺ₙ ≥ x) exactly (the two one-sided events are disjoint), with the
/// one-sided tail from the Birnbaum–Tingey sum (<see cref="SmirnovDistribution"/>).</item>
/// <item>n ≤ 140: Durbin's matrix method (<see cref="DurbinMatrix"/>) for n·x² ≤ 0.754693, Pomeranz's
/// recursion (<see cref="PomeranzRecursion"/>) for n·x² ≤ 4, else 2·P(D⁺ₙ ≥ x) (Miller's
/// approximation, whose error is the probability that both one-sided statistics exceed x, below
/// 10^-16 relative there).</item>
/// <item>n &gt; 140: 0 for n·x² ≥ 370 (the value underflows); 2·P(D⁺ₙ ≥ x) for n·x² ≥ 2.2; otherwise
/// 1 − P(Dₙ &lt; x) with the CDF from Durbin's matrix when n ≤ 10^5 and n·x^(3/2) ≤ 1.4, else from the
/// Pelz–Good series (<see cref="PelzGood"/>).</item>
/// </list>
/// </remarks>
internal static class KolmogorovDistribution
{
    /// <summary>P(Dₙ ≥ x) for the two-sided one-sample statistic, n ≥ 1.</summary>
    public static double Sf(long n, double x)
    {
        double nd = n;
        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.5 / nd)
        {
            return 1.0; // below the support: n·x ≤ ½ forces Dₙ ≥ x
        }

        double t = nd * x;
        if (t <= 1.0)
        {
            // Ruben and Gambino (1982): for 1/(2n) ≤ x ≤ 1/n, P(Dₙ < x) = n!/nⁿ · (2t − 1)ⁿ.
            double cdf;
            if (n <= 140)
            {
                cdf = 1.0;
                double factor = 2 * t - 1;
                for (long i = 1; i <= n; i++)
                {
                    cdf *= i * (1.0 / nd) * factor;
                }
            }
            else
            {
                cdf = Math.Exp(LogFactorialOverPower(nd) + nd * Math.Log(2 * t - 1));
            }

            return Clip(1.0 - cdf);
        }

        if (t >= nd - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, nd)); // Ruben and Gambino (1982), upper end
        }

        if (x >= 0.5)
        {
            return Clip(2 * SmirnovDistribution.Sf(n, x)); // exact: D⁺ ≥ x and D⁻ ≥ x are disjoint
        }

        double nx2 = t * x;
        if (n <= 140)
        {
            if (nx2 <= 0.754693)
            {
                return Clip(1.0 - DurbinMatrix.Cdf(n, x));
            }

            if (nx2 <= 4)
            {
                return Clip(1.0 - PomeranzRecursion.Cdf((int)n, x));
            }

            return Clip(2 * SmirnovDistribution.Sf(n, x));
        }

        if (nx2 >= 370.0)
        {
            return 0.0;
        }

        if (nx2 >= 2.2)
        {
            return Clip(2 * SmirnovDistribution.Sf(n, x));
        }

        double cdfLarge = n <= 100_000 && nd * Math.Pow(x, 1.5) <= 1.4
            ? DurbinMatrix.Cdf(n, x)
            : PelzGood.Cdf(nd, x);
        return Clip(1.0 - cdfLarge);
    }

    /// <summary>
    /// ln(n!/nⁿ) = ln(2πn)/2 − n + Σ_j B₂ⱼ/(2j(2j−1)n^(2j−1)) (Stirling's series with the n·ln n
    /// removed analytically, so nothing cancels; eight terms are exact to double precision for n &gt; 140).
    /// </summary>
    internal static double LogFactorialOverPower(double n)
    {
        double r = 1.0 / n;
        double r2 = r * r;

        // B₂ⱼ/(2j(2j−1)) for j = 1..8: 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156, −3617/122400.
        double series = 1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680
            + r2 * (1.0 / 1188 + r2 * (-691.0 / 360360 + r2 * (1.0 / 156 + r2 * (-3617.0 / 122400)))))));
        return 0.5 * Math.Log(n) - n + 0.5 * Math.Log(2 * Math.PI) + r * series;
    }

    private static double Clip(double p) => Math.Clamp(p, 0.0, 1.0);
}

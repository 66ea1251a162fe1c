namespace ModelWatch.Drift;

/// <summary>
/// Accurate logarithms of binomial probabilities for large n, by Loader's saddle-point expansion
/// (C. Loader, "Fast and Accurate Computation of Binomial Probabilities", 2000; the method behind R's
/// <c>dbinom</c>). Writing the log-probability as a sum of small, separately accurate pieces avoids
/// the cancellation of log-gamma differences, whose absolute error grows like n·log(n)·2^-53.
/// </summary>
internal static class BinomialTerms
{
    private const double HalfLogTwoPi = 0.91893853320467274178032973640562; // ln(2π)/2

    // stirlerr(k) = ln(k!) − (k + ½)·ln(k) + k − ln(2π)/2 for k = 1..15, to double precision
    // (evaluated at 40 digits). Index 0 is unused.
    private static readonly double[] StirlingErrorTable =
    [
        0.0,
        0.08106146679532726,
        0.0413406959554093,
        0.02767792568499834,
        0.020790672103765093,
        0.016644691189821193,
        0.013876128823070748,
        0.01189670994589177,
        0.010411265261972096,
        0.009255462182712733,
        0.00833056343336287,
        0.007573675487951841,
        0.00694284010720953,
        0.006408994188004207,
        0.0059513701127588475,
        0.005554733551962801,
    ];

    /// <summary>
    /// The error of Stirling's formula for ln(k!), for k &gt; 0 (integers up to 15 from a table, other
    /// small k from the log-gamma function). Above 15 the asymptotic series
    /// 1/(12k) − 1/(360k³) + 1/(1260k⁵) − 1/(1680k⁷) + 1/(1188k⁹) is exact to double precision at the
    /// number of terms used (Loader 2000, §3).
    /// </summary>
    public static double StirlingError(double k)
    {
        if (k <= 15)
        {
            return k == Math.Floor(k)
                ? StirlingErrorTable[(int)k]
                : MathNet.Numerics.SpecialFunctions.GammaLn(k + 1) - (k + 0.5) * Math.Log(k) + k - HalfLogTwoPi;
        }

        const double S0 = 1.0 / 12;
        const double S1 = 1.0 / 360;
        const double S2 = 1.0 / 1260;
        const double S3 = 1.0 / 1680;
        const double S4 = 1.0 / 1188;
        double kk = k * k;
        if (k > 500)
        {
            return (S0 - S1 / kk) / k;
        }

        if (k > 80)
        {
            return (S0 - (S1 - S2 / kk) / kk) / k;
        }

        if (k > 35)
        {
            return (S0 - (S1 - (S2 - S3 / kk) / kk) / kk) / k;
        }

        return (S0 - (S1 - (S2 - (S3 - S4 / kk) / kk) / kk) / kk) / k;
    }

    /// <summary>
    /// The deviance term bd0(x, μ) = x·ln(x/μ) + μ − x, accurate also when x ≈ μ (where the direct
    /// form cancels): there a series in v = (x − μ)/(x + μ) is summed (Loader 2000, §2).
    /// </summary>
    public static double Deviance(double x, double mu)
    {
        if (Math.Abs(x - mu) < 0.1 * (x + mu))
        {
            double v = (x - mu) / (x + mu);
            double s = (x - mu) * v;
            double ej = 2 * x * v;
            double vv = v * v;
            for (int j = 1; j < 1000; j++)
            {
                ej *= vv;
                double s1 = s + ej / (2 * j + 1);
                if (s1 == s)
                {
                    return s1;
                }

                s = s1;
            }

            return s;
        }

        return x * Math.Log(x / mu) + mu - x;
    }

    /// <summary>
    /// ln of the binomial probability C(n, k)·p^k·q^(n−k) for 0 &lt; k &lt; n, given n·p and n·q
    /// (p + q = 1), which callers can often form more accurately than p and q themselves.
    /// </summary>
    public static double LogProbability(double n, double k, double np, double nq)
    {
        double nk = n - k;
        return StirlingError(n) - StirlingError(k) - StirlingError(nk)
            - Deviance(k, np) - Deviance(nk, nq)
            + 0.5 * Math.Log(n / (k * nk)) - HalfLogTwoPi;
    }
}

namespace ModelWatch.Drift;

/// <summary>
/// The one-sided one-sample Kolmogorov–Smirnov (Smirnov) distribution: P(D⁺ₙ ≥ x), the quantity
/// SciPy calls <c>scipy.special.smirnov(n, x)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Exact formula (Smirnov 1944; Birnbaum and Tingey 1951, "One-sided confidence contours for
/// probability distribution functions", Ann. Math. Statist. 22):
/// P(D⁺ₙ ≥ x) = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v).
/// Every term is positive, so the sum has no cancellation. Each term equals
/// Binomial(v; n, p = x + v/n) · x/p, and is evaluated in logarithms with Loader's expansion
/// (<see cref="BinomialTerms"/>), accurate to a few units of 10^-14 relative for any n.
/// </para>
/// <para>
/// The terms rise to a single peak in v (checked against the full sum across the region where this
/// class is used), so the sum starts at the peak (found by ternary search) and walks
/// outward until a term falls below 2^-64 of the running sum. The significant terms span a fraction
/// ~1/(x√n) of all n, which would make the cost O(n); but where they are spread that wide (a Gaussian
/// fit at the peak wider than 40) they are a smooth function of v, and the sum over the integers
/// equals the trapezoidal rule over real v at step σ/16 to far below double precision (Poisson
/// summation), so about 500 term evaluations suffice for any n. Measured against the plain term-by-term
/// sum for n ≤ 10^6: relative differences below 3·10^-13.
/// </para>
/// <para>
/// SciPy's C implementation sums in double-double arithmetic up to n = 10^6 and above that
/// (<c>SMIRNOV_MAX_COMPUTE_N</c>) switches to exp(−(6nx + 1)²/(18n)), whose relative error is about
/// 10^-6·(10^6/n) at n·x² = 2.2 and 4·10^-3·(10^6/n) at n·x² = 100. This class keeps the exact sum at
/// every n, so for n &gt; 10^6 it differs from SciPy by that much (and is the more accurate of the two).
/// </para>
/// </remarks>
internal static class SmirnovDistribution
{
    /// <summary>Up to this many terms the whole sum is taken; above it, the windowed sum.</summary>
    /// <remarks>
    /// From about a thousand terms the windowed sum costs no more than the whole one, and from two
    /// thousand (an effective size near 2,250, a 4,096-row reference against 5,000-prediction windows)
    /// its trapezoidal rule takes ~300 evaluations instead of ~2,000: 5–18 µs instead of 50–110 µs.
    /// Both agree with SciPy's double-double sum to 4.3·10^-13 relative (Oracles/smirnov_tail.json).
    /// </remarks>
    internal const double FullSumLimit = 1024;

    /// <summary>ln(2^-1022): below this a probability underflows (SciPy's <c>MINLOG</c>).</summary>
    private const double MinLog = -708.3964185322641;

    private const double StopRatio = 5.421010862427522e-20; // 2^-64

    /// <summary>Terms spread wider than this (σ in units of v) are summed by the trapezoidal rule.</summary>
    private const double MinSmoothWidth = 40;

    /// <summary>P(D⁺ₙ ≥ x), the survival function of the one-sided statistic.</summary>
    public static double Sf(long n, double x)
    {
        if (x <= 0)
        {
            return 1.0;
        }

        if (x >= 1)
        {
            return 0.0;
        }

        if (n == 1)
        {
            return 1.0 - x;
        }

        double nd = n;
        double nx = nd * x;

        // The special cases in SciPy's order (cephes kolmogorov.c, _smirnov3).
        if (nx <= 1)
        {
            // x ≤ 1/n: P(D⁺ₙ < x) = x·(1 + x)^(n−1) (the "upper" sum has one term).
            return 1.0 - x * Math.Pow(1 + x, nd - 1);
        }

        if (-2 * nd * x * x < MinLog)
        {
            return 0.0; // P ≤ exp(−2nx²) (Dvoretzky–Kiefer–Wolfowitz–Massart) underflows
        }

        if (nx >= nd - 1)
        {
            return Math.Pow(1 - x, nd); // x ≥ 1 − 1/n: only the v = 0 term is left
        }

        // Terms run over v with 1 − x − v/n > 0, i.e. v < n − nx.
        double last = Math.Ceiling(nd - nx) - 1;
        double sum;
        if (last <= FullSumLimit)
        {
            sum = 0.0;
            for (double v = 0; v <= last; v++)
            {
                sum += Math.Exp(LogTerm(nd, x, nx, v));
            }
        }
        else
        {
            sum = WindowedSum(nd, x, nx, last);
        }

        return Math.Min(sum, 1.0);
    }

    /// <summary>ln of the v-th term x·C(n,v)(x + v/n)^(v−1)(1 − x − v/n)^(n−v).</summary>
    internal static double LogTerm(double n, double x, double nx, double v)
    {
        if (v == 0)
        {
            return n * LogOnePlus(-x); // (1 − x)^n
        }

        // Binomial(v; n, p) with n·p = nx + v and n·q = n − v − nx, times x/p = nx/(nx + v).
        return BinomialTerms.LogProbability(n, v, nx + v, n - v - nx) + Math.Log(nx / (nx + v));
    }

    /// <summary>
    /// The whole sum, taken outward from its largest term: term by term when the terms are
    /// concentrated on a few hundred v, by the trapezoidal rule over real v when they are spread wide.
    /// </summary>
    internal static double WindowedSum(double n, double x, double nx, double last)
    {
        // Ternary search for the peak of the (unimodal) log-terms on the integers 0..last.
        double lo = 0;
        double hi = last;
        while (hi - lo > 2)
        {
            double m1 = lo + Math.Floor((hi - lo) / 3);
            double m2 = hi - Math.Floor((hi - lo) / 3);
            if (LogTerm(n, x, nx, m1) < LogTerm(n, x, nx, m2))
            {
                lo = m1 + 1;
            }
            else
            {
                hi = m2 - 1;
            }
        }

        double peak = lo;
        double best = LogTerm(n, x, nx, lo);
        for (double v = lo + 1; v <= hi; v++)
        {
            double t = LogTerm(n, x, nx, v);
            if (t > best)
            {
                best = t;
                peak = v;
            }
        }

        double width = PeakWidth(n, x, nx, last, peak, best);
        if (width >= MinSmoothWidth && TrapezoidSum(n, x, nx, last, peak, best, width) is double smooth)
        {
            return Rescale(smooth, best);
        }

        // Sum relative to the peak (so nothing underflows early), largest terms first.
        double sum = 1.0;
        for (double v = peak + 1; v <= last; v++)
        {
            double t = Math.Exp(LogTerm(n, x, nx, v) - best);
            sum += t;
            if (t < StopRatio * sum)
            {
                break;
            }
        }

        for (double v = peak - 1; v >= 0; v--)
        {
            double t = Math.Exp(LogTerm(n, x, nx, v) - best);
            sum += t;
            if (t < StopRatio * sum)
            {
                break;
            }
        }

        return Rescale(sum, best);
    }

    /// <summary>sum·e^best, through logarithms when e^best alone would underflow (a subnormal result).</summary>
    private static double Rescale(double sum, double best) =>
        best > -700 ? sum * Math.Exp(best) : Math.Exp(best + Math.Log(sum));

    /// <summary>
    /// σ of the Gaussian that matches the log-terms' curvature at the peak, from a central second
    /// difference at a step of about σ/4 (one refinement from a unit step); 0 when the peak is at an end.
    /// </summary>
    private static double PeakWidth(double n, double x, double nx, double last, double peak, double best)
    {
        double step = 1;
        double sigma = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            if (peak - step < 0 || peak + step > last)
            {
                return sigma;
            }

            double curvature = (LogTerm(n, x, nx, peak + step) - 2 * best + LogTerm(n, x, nx, peak - step)) / (step * step);
            if (!(curvature < 0))
            {
                return sigma;
            }

            sigma = Math.Sqrt(-1 / curvature);
            step = Math.Max(1, Math.Floor(sigma / 4));
        }

        return sigma;
    }

    /// <summary>
    /// Σ_v exp(LogTerm(v) − best) over the integers, as the trapezoidal rule at step σ/16 over real v,
    /// or null when the terms are not negligible at an end of [0, last] (then the rule does not apply).
    /// </summary>
    /// <remarks>
    /// For a smooth summand g of width σ ≫ 1, Poisson summation gives Σ_v g(v) = ∫ g + O(e^(−2π²σ²)), and
    /// the trapezoidal rule at step h gives ∫ g to O(e^(−2π²σ²/h²)) (both spectrally accurate; Trefethen and
    /// Weideman, "The exponentially convergent trapezoidal rule", SIAM Review 56, 2014). The summand is
    /// skewed, so h = σ/16 rather than the σ/4 a Gaussian would need (σ/8 still left 10^-9 at n·x² = 2.2;
    /// σ/16 and σ/32 agree with the term-by-term sum equally well, to 1.1·10^-13 over n = 141…300,000 and
    /// n·x² = 2.2…200, the rounding of the term-by-term sum itself; σ/16 takes half the terms), provided g has decayed to nothing
    /// before either end.
    /// </remarks>
    private static double? TrapezoidSum(double n, double x, double nx, double last, double peak, double best, double sigma)
    {
        double h = sigma / 16;
        double sum = 1.0;
        for (int direction = -1; direction <= 1; direction += 2)
        {
            for (int j = 1; ; j++)
            {
                double v = peak + direction * j * h;
                if (v <= 0 || v >= last)
                {
                    return null; // reached an end with mass left: not a free-standing bump
                }

                double t = Math.Exp(LogTerm(n, x, nx, v) - best);
                sum += t;
                if (t < StopRatio * sum)
                {
                    break;
                }
            }
        }

        return sum * h;
    }

    /// <summary>
    /// ln(1 + x) without the cancellation of forming 1 + x first: the rounding of u = 1 + x is undone by
    /// scaling with x/(u − 1) (Goldberg, "What every computer scientist should know about
    /// floating-point arithmetic", 1991, Theorem 4).
    /// </summary>
    internal static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}

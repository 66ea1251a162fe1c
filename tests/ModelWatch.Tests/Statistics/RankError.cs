namespace ModelWatch.Tests.Statistics;

/// <summary>
/// Normalized rank error of a quantile answer, as Oracles/README.md §9 defines it: the distance
/// from q·n to the set of ranks the returned value can occupy, divided by n (0 when the value is a
/// valid exact q-quantile).
/// </summary>
internal sealed class RankError
{
    private readonly double[] _sorted;

    public RankError(double[] data)
    {
        _sorted = (double[])data.Clone();
        Array.Sort(_sorted);
    }

    public int N => _sorted.Length;

    /// <summary>#{x &lt; v}.</summary>
    public int Below(double v)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_sorted[mid] < v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>#{x ≤ v}.</summary>
    public int AtOrBelow(double v)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_sorted[mid] <= v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public double OfQuantile(double q, double v)
    {
        double qn = q * N;
        return Math.Max(0, Math.Max(Below(v) - qn, qn - AtOrBelow(v))) / N;
    }

    /// <summary>|estimated CDF − true CDF| at <paramref name="x"/>.</summary>
    public double OfCdf(double x, double estimatedCdf) => Math.Abs(estimatedCdf - (double)AtOrBelow(x) / N);
}

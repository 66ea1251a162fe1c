namespace ModelWatch.Internal;

/// <summary>
/// A double-double accumulator: the running sum is kept as an unevaluated pair hi + lo, so the
/// result is accurate to about 2^-104 relative to the largest partial sum before the final
/// rounding (Dekker 1971; Ogita, Rump and Oishi, "Accurate sum and dot product", SIAM J. Sci.
/// Comput. 26(6), 2005, algorithms Sum2 and Dot2).
/// </summary>
internal struct CompensatedSum
{
    private double _hi;
    private double _lo;

    /// <summary>Gets the sum, rounded once to double.</summary>
    public readonly double Value => _hi + _lo;

    /// <summary>Adds a value (Knuth's TwoSum: the rounding error of hi + value is kept exactly).</summary>
    public void Add(double value)
    {
        double s = _hi + value;
        double bp = s - _hi;
        double err = (_hi - (s - bp)) + (value - bp);
        _hi = s;
        _lo += err;
    }

    /// <summary>Adds the exact product a·b (TwoProduct through a fused multiply-add).</summary>
    public void AddProduct(double a, double b)
    {
        double p = a * b;
        double e = Math.FusedMultiplyAdd(a, b, -p);
        Add(p);
        _lo += e;
    }

    /// <summary>Returns a − b as an unevaluated pair (hi, lo) with hi + lo = a − b exactly (TwoSum).</summary>
    public static (double Hi, double Lo) TwoDiff(double a, double b)
    {
        double s = a - b;
        double bp = s - a;
        double err = (a - (s - bp)) - (b + bp);
        return (s, err);
    }
}

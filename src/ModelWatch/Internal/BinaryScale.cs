namespace ModelWatch.Internal;

/// <summary>
/// Exact rescaling for recursions whose intermediate values would overflow or underflow a double
/// (the Kolmogorov distribution's matrix power and Pomeranz recursion): values are multiplied by
/// <see cref="Small"/> or <see cref="Big"/>, powers of two, so no rounding is added, while a separate
/// binary exponent keeps count of the scale.
/// </summary>
internal static class BinaryScale
{
    /// <summary>The exponent of one rescaling step: 2^128.</summary>
    public const int Bits = 128;

    /// <summary>2^128.</summary>
    public static readonly double Big = Math.ScaleB(1.0, Bits);

    /// <summary>2^−128.</summary>
    public static readonly double Small = Math.ScaleB(1.0, -Bits);

    /// <summary>Puts a probability kept as <paramref name="mantissa"/>·2^<paramref name="exponent"/> back together, clamped into [0, 1].</summary>
    public static double ToProbability(double mantissa, long exponent)
    {
        double p = exponent == 0 ? mantissa : Math.ScaleB(mantissa, (int)Math.Clamp(exponent, int.MinValue, int.MaxValue));
        return Math.Clamp(p, 0.0, 1.0);
    }
}

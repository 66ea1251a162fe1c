using System.Numerics;

namespace ModelWatch.Internal;

/// <summary>Correctly rounded conversion of an exact integer ratio to a double.</summary>
internal static class ExactRatio
{
    private const long TwoPow53 = 1L << 53;

    /// <summary>
    /// Returns <paramref name="numerator"/> / <paramref name="denominator"/> rounded to the nearest
    /// double (ties to even), for 0 ≤ numerator and 0 &lt; denominator.
    /// </summary>
    public static double ToDouble(Int128 numerator, Int128 denominator)
    {
        if (numerator < 0 || denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), "Expected 0 ≤ numerator and 0 < denominator.");
        }

        if (numerator == 0)
        {
            return 0.0;
        }

        // Both exactly representable: IEEE division is correctly rounded.
        if (numerator <= TwoPow53 && denominator <= TwoPow53)
        {
            return (double)(long)numerator / (long)denominator;
        }

        // Long division in big integers: a 54-bit quotient (53 bits + a rounding bit) plus a sticky
        // bit for everything below it, then round half to even by hand.
        var num = (BigInteger)numerator;
        var den = (BigInteger)denominator;
        long shift = den.GetBitLength() - num.GetBitLength() + 56;
        BigInteger scaled = shift >= 0 ? num << (int)shift : num >> (int)-shift;
        bool sticky = shift < 0 && (num & ((BigInteger.One << (int)-shift) - 1)) != 0;
        BigInteger q = BigInteger.DivRem(scaled, den, out BigInteger rem);
        sticky |= !rem.IsZero;
        int extra = (int)q.GetBitLength() - 54;
        if (extra > 0)
        {
            sticky |= !(q & ((BigInteger.One << extra) - 1)).IsZero;
            q >>= extra;
        }

        ulong bits = (ulong)q;
        bool roundBit = (bits & 1) != 0;
        bits >>= 1;
        if (roundBit && (sticky || (bits & 1) != 0))
        {
            bits++;
        }

        return Math.ScaleB(bits, (int)(extra + 1 - shift));
    }
}

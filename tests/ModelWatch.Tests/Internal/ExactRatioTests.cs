using System.Numerics;
using ModelWatch.Internal;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Internal;

public sealed class ExactRatioTests
{
    [Fact]
    public void ToDouble_SmallOperands_EqualsIeeeDivision()
    {
        Assert.Equal(1.0 / 3, ExactRatio.ToDouble(1, 3));
        Assert.Equal(0.0, ExactRatio.ToDouble(0, 7));
        Assert.Equal(1.0, ExactRatio.ToDouble(9_007_199_254_740_992, 9_007_199_254_740_992));
    }

    [Fact]
    public void ToDouble_LargeOperands_IsCorrectlyRounded()
    {
        // Nearest-double check in exact rationals: the result is at least as close to num/den as both
        // of its neighbours (ties to even are checked separately below).
        var rng = new SplitMix64(99);
        for (int trial = 0; trial < 2000; trial++)
        {
            Int128 den = ((Int128)(rng.Next() >> (int)(rng.Next() % 40)) << 60) + (long)(rng.Next() >> 1) + 1;
            Int128 num = (Int128)((UInt128)(((Int128)rng.Next() << 64) | rng.Next()) % (UInt128)den);
            double r = ExactRatio.ToDouble(num, den);
            if (num == 0)
            {
                Assert.Equal(0.0, r);
                continue;
            }

            BigInteger distance = Distance(num, den, r);
            Assert.True(distance <= Distance(num, den, Math.BitDecrement(r)), $"trial {trial}: lower neighbour closer");
            Assert.True(distance <= Distance(num, den, Math.BitIncrement(r)), $"trial {trial}: upper neighbour closer");
        }
    }

    [Fact]
    public void ToDouble_ExactHalfway_RoundsToEven()
    {
        // Doubles in [0.5, 1) are 2^-53 apart; den = 2^60 keeps the operands above 2^53 (the slow path).
        Int128 den = (Int128)1 << 60;
        Int128 num = ((Int128)1 << 59) + ((Int128)1 << 6); // 0.5 + 2^-54: halfway between 0.5 and 0.5 + 2^-53
        Assert.Equal(0.5, ExactRatio.ToDouble(num, den));
        Int128 num2 = ((Int128)1 << 59) + ((Int128)3 << 6); // 0.5 + 3·2^-54: halfway, rounds up to even
        Assert.Equal(0.5 + Math.ScaleB(1, -52), ExactRatio.ToDouble(num2, den));
    }

    /// <summary>|num/den − d| scaled to an integer by den·2^1100 (exact for doubles in (0, 1]).</summary>
    private static BigInteger Distance(Int128 num, Int128 den, double d)
    {
        long bits = BitConverter.DoubleToInt64Bits(d);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = (bits & 0xF_FFFF_FFFF_FFFF) | (exponent == 0 ? 0 : 1L << 52);
        int shift = 1100 + (exponent == 0 ? -1074 : exponent - 1075); // d·2^1100 = mantissa·2^shift
        BigInteger scaledD = (BigInteger)mantissa << shift;
        BigInteger scaledX = (BigInteger)num << 1100;
        return BigInteger.Abs(scaledX - scaledD * (BigInteger)den);
    }
}

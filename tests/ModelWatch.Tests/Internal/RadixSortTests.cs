using ModelWatch.Internal;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Internal;

public sealed class RadixSortTests
{
    private static readonly double[] Specials =
    [
        double.NegativeInfinity, double.MinValue, -1e300, -1.5, -1.0, -double.Epsilon * 3, -double.Epsilon,
        -0.0, 0.0, double.Epsilon, double.Epsilon * 3, 2.2250738585072014E-308, 1e-300, 1.0, 1.5,
        1e300, double.MaxValue, double.PositiveInfinity,
    ];

    [Fact]
    public void ToKey_SpecialValuesInOrder_KeysAreIncreasingWithZerosEqual()
    {
        for (int i = 1; i < Specials.Length; i++)
        {
            ulong previous = RadixSort.ToKey(Specials[i - 1]);
            ulong current = RadixSort.ToKey(Specials[i]);
            if (Specials[i - 1] == Specials[i])
            {
                Assert.Equal(previous, current); // −0.0 and +0.0
            }
            else
            {
                Assert.True(previous < current, $"{Specials[i - 1]:R} vs {Specials[i]:R}");
            }
        }
    }

    [Fact]
    public void FromKey_RoundTrips_AndNegativeZeroComesBackPositive()
    {
        foreach (double v in Specials)
        {
            double back = RadixSort.FromKey(RadixSort.ToKey(v));
            double expected = v == 0 ? 0.0 : v;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(back));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(RadixSort.Threshold - 1)]
    [InlineData(RadixSort.Threshold)]
    [InlineData(50_000)]
    [InlineData(300_000)] // above the most-significant-digit cut-over (2^18)
    public void Sort_RandomValuesWithSpecialsAndDuplicates_MatchesArraySort(int length)
    {
        var rng = new SplitMix64((ulong)length + 1);
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            ulong z = rng.Next();
            values[i] = (z % 7) switch
            {
                0 => Specials[(int)((z >> 32) % (ulong)Specials.Length)],
                1 => Math.Round(rng.NextNormal(), 1), // duplicates
                2 => BitConverter.Int64BitsToDouble((long)(rng.Next() >> 12)) * ((z & 8) == 0 ? 1 : -1), // subnormals
                3 => BitConverter.Int64BitsToDouble((long)(rng.Next() & 0x7FEF_FFFF_FFFF_FFFF)) * ((z & 8) == 0 ? 1 : -1), // any magnitude
                _ => rng.NextNormal() * 1e3,
            };
        }

        double[] expected = (double[])values.Clone();
        Array.Sort(expected);
        RadixSort.Sort(values);

        for (int i = 0; i < length; i++)
        {
            // Equal as numbers; −0.0 comes back as +0.0, which Array.Sort keeps (they compare equal).
            Assert.True(expected[i] == values[i], $"index {i}: {expected[i]:R} vs {values[i]:R}");
            Assert.False(BitConverter.DoubleToInt64Bits(values[i]) == BitConverter.DoubleToInt64Bits(-0.0));
        }
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(300_000)] // one most-significant bucket holds nearly everything
    public void SortKeys_DigitsConstantInSomePasses_SkipsThemAndStillSorts(int length)
    {
        // Values in [1, 2) share sign and exponent: the top digit pass (and maybe more) is skipped, which
        // leaves the result in the scratch buffer after an odd number of passes.
        var rng = new SplitMix64(3);
        var keys = new ulong[length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = RadixSort.ToKey(1.0 + rng.NextUniform());
        }

        ulong[] expected = (ulong[])keys.Clone();
        Array.Sort(expected);
        var scratch = new ulong[keys.Length];
        Span<ulong> sorted = RadixSort.SortKeys(keys, scratch);

        Assert.Equal(expected, sorted.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Sort_LargeInputWithFewDistinctValues_MatchesArraySort(int distinct)
    {
        // Every key lands in one or a few top-16-bit buckets and most digit passes are skipped.
        var values = new double[300_000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = -2.5 + (i * 7919 % distinct);
        }

        double[] expected = (double[])values.Clone();
        Array.Sort(expected);
        RadixSort.Sort(values);

        Assert.Equal(expected, values);
    }

    [Fact]
    public void SortKeys_ShortScratch_Throws()
    {
        var keys = new ulong[RadixSort.Threshold];

        Assert.Throws<ArgumentException>("scratch", () => RadixSort.SortKeys(keys, new ulong[10]));
    }
}

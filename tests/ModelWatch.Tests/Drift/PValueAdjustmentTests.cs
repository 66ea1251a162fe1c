using ModelWatch.Drift;

namespace ModelWatch.Tests.Drift;

public sealed class PValueAdjustmentTests
{
    // Hand-computed: sorted p = 0.005, 0.01, 0.03, 0.04 (m = 4); m·p/rank = 0.02, 0.02, 0.04, 0.04;
    // running minimum from the top leaves them unchanged.
    [Theory]
    [InlineData(new[] { 0.01, 0.04, 0.03, 0.005 }, new[] { 0.02, 0.04, 0.04, 0.02 })]
    // m·p/rank for sorted 0.01, 0.2, 0.5 = 0.03, 0.3, 0.5.
    [InlineData(new[] { 0.2, 0.5, 0.01 }, new[] { 0.3, 0.5, 0.03 })]
    // Step-up monotonicity: m·p/rank = 0.08, 0.041 -> the smaller p takes the running minimum 0.041.
    [InlineData(new[] { 0.04, 0.041 }, new[] { 0.041, 0.041 })]
    // Capped at 1 and ties: 3·0.9/1... sorted 0.6, 0.9, 0.9 -> 1.8, 1.35, 0.9 -> min from top 0.9.
    [InlineData(new[] { 0.9, 0.6, 0.9 }, new[] { 0.9, 0.9, 0.9 })]
    public void Adjust_BenjaminiHochberg_MatchesHandComputedValues(double[] p, double[] expected)
    {
        var adjusted = new double[p.Length];

        PValueAdjustment.Adjust(p, adjusted, MultipleTestingCorrection.BenjaminiHochberg);

        for (int i = 0; i < p.Length; i++)
        {
            Assert.Equal(expected[i], adjusted[i], 15);
        }
    }

    [Fact]
    public void Adjust_BonferroniAndNone_MultiplyAndCopy()
    {
        double[] p = [0.01, 0.3, 0.02];
        var adjusted = new double[3];

        PValueAdjustment.Adjust(p, adjusted, MultipleTestingCorrection.Bonferroni);
        Assert.Equal([0.03, 0.9, 0.06], adjusted.Select(x => Math.Round(x, 15)).ToArray());

        PValueAdjustment.Adjust(p, adjusted, MultipleTestingCorrection.None);
        Assert.Equal(p, adjusted);
    }

    [Fact]
    public void Adjust_BadInput_ThrowsNamingTheArgument()
    {
        Assert.Equal("pValues", Assert.Throws<ArgumentException>(() => PValueAdjustment.Adjust([double.NaN], new double[1], MultipleTestingCorrection.None)).ParamName);
        Assert.Equal("pValues", Assert.Throws<ArgumentException>(() => PValueAdjustment.Adjust([1.5], new double[1], MultipleTestingCorrection.None)).ParamName);
        Assert.Equal("adjusted", Assert.Throws<ArgumentException>(() => PValueAdjustment.Adjust([0.5], new double[2], MultipleTestingCorrection.None)).ParamName);
        Assert.Equal("correction", Assert.Throws<ArgumentOutOfRangeException>(() => PValueAdjustment.Adjust([0.5], new double[1], (MultipleTestingCorrection)5)).ParamName);
    }
}

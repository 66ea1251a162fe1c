using System.Globalization;
using ModelWatch.Drift;
using ModelWatch.Reporting;

namespace ModelWatch.Tests.Reporting;

public sealed class StatisticFormatTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.15254, "0.1525")] // KS D of temp_max, Seattle 2012 against 2015
    [InlineData(384.123, "384.1")] // chi-squared of weather, same comparison
    [InlineData(-2.71828, "-2.718")]
    [InlineData(1000.0, "1000")]
    [InlineData(1234.56, "1235")]
    [InlineData(9999.4, "9999")]
    [InlineData(0.0001, "0.0001")] // the smallest magnitude in fixed notation
    [InlineData(0.000123456, "0.0001235")]
    [InlineData(0.0000999996, "0.0001")] // rounds up into fixed notation
    [InlineData(9999.7, "1e+4")] // rounds up out of it
    [InlineData(12345.678, "1.235e+4")]
    [InlineData(-12345.678, "-1.235e+4")]
    [InlineData(1e6, "1e+6")]
    [InlineData(0.00001234, "1.234e-5")]
    [InlineData(2.5e-7, "2.5e-7")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(double.NaN, "-")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Statistic_FourSignificantDigits_FixedBetween1eMinus4And1e4(double value, string expected)
    {
        Assert.Equal(expected, StatisticFormat.Statistic(value));
    }

    [Fact]
    public void Statistic_Null_IsMissing()
    {
        Assert.Equal(StatisticFormat.Missing, StatisticFormat.Statistic(null));
    }

    [Fact]
    public void Statistic_NegativeZero_IsZero()
    {
        Assert.Equal("0", StatisticFormat.Statistic(-0.0));
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.99996, "1")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.04123, "0.04123")]
    [InlineData(0.0003221, "0.0003221")] // KS p of temp_max, Seattle 2012 against 2015
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00009876, "9.876e-5")] // scientific below 1e-4
    [InlineData(1.4e-7, "1.4e-7")]
    [InlineData(7.4895e-82, "7.49e-82")] // chi-squared p of weather, same comparison
    [InlineData(1e-300, "1e-300")] // the smallest p-value shown as a number
    [InlineData(9.99e-301, "< 1e-300")]
    [InlineData(5e-324, "< 1e-300")]
    [InlineData(0.0, "< 1e-300")] // an underflow, not a certainty
    [InlineData(double.NaN, "-")]
    public void PValue_FollowsTheStatisticRule_With1eMinus300AsFloor(double value, string expected)
    {
        Assert.Equal(expected, StatisticFormat.PValue(value));
    }

    [Fact]
    public void PValue_NoneFromTheDetector_IsMissing()
    {
        Assert.Equal("-", StatisticFormat.PValue(null));
    }

    [Theory]
    [InlineData(0.0, "0 %")]
    [InlineData(0.6, "60 %")]
    [InlineData(0.5, "50 %")]
    [InlineData(0.0137, "1.4 %")]
    [InlineData(1.0, "100 %")]
    [InlineData(double.NaN, "-")]
    public void Percent_OneDecimalAtMost_SpacedSign(double share, string expected)
    {
        Assert.Equal(expected, StatisticFormat.Percent(share));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1461L, "1,461")]
    [InlineData(1_234_567_890_123L, "1,234,567,890,123")]
    [InlineData(-5L, "-5")]
    public void Count_CommaThousandsSeparators(long value, string expected)
    {
        Assert.Equal(expected, StatisticFormat.Count(value));
    }

    [Theory]
    [InlineData(DriftDecisionBasis.PValue, 0.05, "p < 0.05")]
    [InlineData(DriftDecisionBasis.PValue, 0.00001, "p < 1e-5")]
    [InlineData(DriftDecisionBasis.Statistic, 0.2, ">= 0.2")]
    [InlineData(DriftDecisionBasis.Statistic, 0.1, ">= 0.1")]
    public void Threshold_NamesTheComparisonThatMeansDrift(DriftDecisionBasis basis, double threshold, string expected)
    {
        var result = new DriftResult
        {
            Detector = "x",
            Statistic = 0.3,
            PValue = 0.01,
            Threshold = threshold,
            Basis = basis,
            IsDrift = true,
            ReferenceCount = 10,
            CurrentCount = 10,
        };

        Assert.Equal(expected, StatisticFormat.Threshold(result));
    }

    [Fact]
    public void AllFormats_IgnoreTheCurrentCulture_AndWriteAsciiOnly()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // German swaps the decimal and group separators; the formats must not follow it.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            string[] texts =
            [
                StatisticFormat.Statistic(1234.56), StatisticFormat.Statistic(12345.678), StatisticFormat.Statistic(0.1525),
                StatisticFormat.PValue(7.4895e-82), StatisticFormat.PValue(0), StatisticFormat.Percent(0.0137),
                StatisticFormat.Count(1461), StatisticFormat.Statistic(double.NegativeInfinity),
            ];

            Assert.Equal(["1235", "1.235e+4", "0.1525", "7.49e-82", "< 1e-300", "1.4 %", "1,461", "-inf"], texts);
            Assert.All(texts, t => Assert.True(t.All(char.IsAscii), t));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}

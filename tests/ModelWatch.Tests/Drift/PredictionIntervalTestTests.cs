using ModelWatch.Drift;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Drift;

/// <summary>The Student-t prediction-interval p-value of segment multivariate tests, against SciPy (Oracles/generate_prediction_interval.py).</summary>
public sealed class PredictionIntervalTestTests
{
    public static TheoryData<string> Cases => Oracle.CaseIds("prediction_interval");

    [Theory]
    [MemberData(nameof(Cases))]
    public void PValue_MatchesSciPy(string id)
    {
        var c = Oracle.Case("prediction_interval", id);
        double[] sample = [.. c.GetProperty("sample").EnumerateArray().Select(v => v.GetDouble())];
        double expected = c.GetProperty("p").GetDouble();

        double p = PredictionIntervalTest.PValue(sample, c.GetProperty("value").GetDouble());

        Assert.Equal(expected, p, Math.Max(1e-9 * expected, 1e-15));
    }

    [Fact]
    public void ASampleWithoutSpread_AndNonFiniteValues_AreDecidedWithoutDividingByZero()
    {
        Assert.Equal(1, PredictionIntervalTest.PValue([0.3, 0.3, 0.3], 0.3));
        Assert.Equal(0, PredictionIntervalTest.PValue([0.3, 0.3, 0.3], 0.31));
        Assert.True(double.IsNaN(PredictionIntervalTest.PValue([0.3, 0.4], double.NaN)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionIntervalTest.PValue([0.3], 0.3));
    }
}

using System.Text.Json;
using ModelWatch.Estimation;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Estimation;

/// <summary>
/// <see cref="ReferenceChunkThreshold"/> and the alert rules of <see cref="ThresholdBounds"/> against every
/// case of Oracles/nannyml/reference_thresholds.json (1e-12 relative, absolute below 1; None, NaN and alerts exact).
/// </summary>
public sealed class ReferenceChunkThresholdTests(ITestOutputHelper output)
{
    private const string File = "nannyml/reference_thresholds";

    public static TheoryData<string> CaseIds => Oracle.CaseIds(File);

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Compute_OracleCase_MatchesNannyMl(string id)
    {
        JsonElement c = Oracle.Case(File, id);
        var policy = new ReferenceChunkThreshold
        {
            LowerMultiplier = Oracle.NumberOrNull(c, "std_lower_multiplier"),
            UpperMultiplier = Oracle.NumberOrNull(c, "std_upper_multiplier"),
            LowerLimit = Oracle.NumberOrNull(c, "lower_threshold_value_limit"),
            UpperLimit = Oracle.NumberOrNull(c, "upper_threshold_value_limit"),
            OverrideUsingNone = c.GetProperty("override_using_none").GetBoolean(),
        };
        double[] values = ValuesOf(c.GetProperty("values"));
        var compare = new OracleComparer(id);

        ThresholdBounds bounds = policy.Compute(values);

        JsonElement expected = c.GetProperty("expected");
        compare.Relative(expected, "lower", bounds.Lower, 1e-12, "thresholds");
        compare.Relative(expected, "upper", bounds.Upper, 1e-12, "thresholds");
        (double mean, double std) = ReferenceChunkThreshold.MeanAndPopulationStd(values);
        compare.Relative(expected, "exact_mean", mean, 1e-12, "statistics");
        compare.Relative(expected, "exact_std", std, 1e-12, "statistics");
        output.WriteLine(compare.Report());
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void AlertRules_StoredThresholds_MatchNannyMl(string id)
    {
        JsonElement c = Oracle.Case(File, id);
        JsonElement expected = c.GetProperty("expected");
        var bounds = new ThresholdBounds { Lower = Oracle.NumberOrNull(expected, "lower"), Upper = Oracle.NumberOrNull(expected, "upper") };

        foreach (JsonElement probe in c.GetProperty("alerts").EnumerateArray())
        {
            double value = Oracle.Number(probe.GetProperty("value"));
            Assert.Equal(probe.GetProperty("alert_strictly_outside").GetBoolean(), bounds.IsStrictlyOutside(value));
            Assert.Equal(probe.GetProperty("alert_not_strictly_inside").GetBoolean(), bounds.IsNotStrictlyInside(value));
        }
    }

    [Fact]
    public void Compute_NoMultipliers_GivesNoThresholds()
    {
        var bounds = new ReferenceChunkThreshold { LowerMultiplier = null, UpperMultiplier = null }.Compute([1, 2, 3]);

        Assert.Null(bounds.Lower);
        Assert.Null(bounds.Upper);
        Assert.False(bounds.IsStrictlyOutside(1e9));
        Assert.False(bounds.IsNotStrictlyInside(1e9));
    }

    [Fact]
    public void Compute_AllNaN_GivesNaNNotNone()
    {
        var bounds = new ReferenceChunkThreshold { LowerLimit = 0, UpperLimit = 1 }.Compute([double.NaN, double.NaN]);

        Assert.True(double.IsNaN(bounds.Lower!.Value));
        Assert.True(double.IsNaN(bounds.Upper!.Value));
        Assert.False(bounds.IsStrictlyOutside(0.5));
        Assert.True(bounds.IsNotStrictlyInside(0.5));
    }

    /// <summary>Values may be numbers, "NaN" or null (a missing value, NaN in the data frame).</summary>
    private static double[] ValuesOf(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : Oracle.Number(e))];
}

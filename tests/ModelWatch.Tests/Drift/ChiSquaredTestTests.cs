using System.Text.Json;
using ModelWatch.Drift;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Drift;

public sealed class ChiSquaredTestTests(ITestOutputHelper output)
{
    public static TheoryData<string> CaseIds => Oracle.CaseIds("chi_squared");

    // Oracles README §5: statistic rel 1e-12 (exact-fraction truth); p rel 1e-9, abs 1e-300 for
    // underflowing p-values (one case has p ≈ 2.8e-239, one goodness-of-fit p underflows to 0).
    private const double StatisticRel = 1e-12;
    private const double PRel = 1e-9;
    private const double PAbs = 1e-300;

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void FromCounts_OracleCase_MatchesBothForms(string id)
    {
        var c = Oracle.Case("chi_squared", id);
        long[] r = Oracle.Longs(c.GetProperty("ref_counts"));
        long[] cur = Oracle.Longs(c.GetProperty("cur_counts"));
        var expected = c.GetProperty("expected");

        var homogeneity = ChiSquaredTest.FromCounts(r, cur);
        var gof = ChiSquaredTest.FromCounts(r, cur, ChiSquaredForm.GoodnessOfFit);

        Assert.Equal(expected.GetProperty("categories_used").GetInt32(), homogeneity.CategoriesUsed);
        Check(id + " homogeneity", expected.GetProperty("homogeneity"), homogeneity);
        Check(id + " gof", expected.GetProperty("gof_vs_reference"), gof);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void FromCategoryCounts_OracleCase_MatchesHomogeneity(string id)
    {
        var c = Oracle.Case("chi_squared", id);
        string[] categories = c.GetProperty("categories").EnumerateArray().Select(e => e.GetString()!).ToArray();
        long[] r = Oracle.Longs(c.GetProperty("ref_counts"));
        long[] cur = Oracle.Longs(c.GetProperty("cur_counts"));

        // Leave zero counts out of one map and in the other: absence and zero must mean the same.
        var reference = categories.Select((k, i) => (k, r[i])).Where(x => x.Item2 > 0).ToDictionary(x => x.k, x => x.Item2);
        var current = categories.Select((k, i) => (k, cur[i])).ToDictionary(x => x.k, x => x.Item2);

        var expected = c.GetProperty("expected");
        Check(id + " homogeneity", expected.GetProperty("homogeneity"), ChiSquaredTest.FromCategoryCounts(reference, current));
        Check(id + " gof", expected.GetProperty("gof_vs_reference"), ChiSquaredTest.FromCategoryCounts(reference, current, ChiSquaredForm.GoodnessOfFit));
    }

    [Fact]
    public void FromLabels_OracleRawLabels_MatchesBothForms()
    {
        int checkedCases = 0;
        foreach (var c in Oracle.Cases("chi_squared"))
        {
            if (!c.TryGetProperty("ref_labels", out var refLabels))
            {
                continue;
            }

            string?[] r = refLabels.EnumerateArray().Select(e => e.GetString()).ToArray();
            string?[] cur = c.GetProperty("cur_labels").EnumerateArray().Select(e => e.GetString()).ToArray();
            var expected = c.GetProperty("expected");
            string id = c.GetProperty("id").GetString()!;

            Check(id + " homogeneity", expected.GetProperty("homogeneity"), ChiSquaredTest.FromLabels(r, cur));
            Check(id + " gof", expected.GetProperty("gof_vs_reference"), ChiSquaredTest.FromLabels(r, cur, ChiSquaredForm.GoodnessOfFit));
            checkedCases++;
        }

        Assert.True(checkedCases >= 1);
    }

    [Fact]
    public void FromLabels_NullLabels_ExcludedAndCounted()
    {
        var result = ChiSquaredTest.FromLabels(["a", null, "b", "a"], ["b", null, null]);

        Assert.Equal(1, result.Counts.ReferenceMissing);
        Assert.Equal(2, result.Counts.CurrentMissing);
        Assert.Equal(3, result.Counts.Reference);
        Assert.Equal(1, result.Counts.Current);
    }

    [Fact]
    public void FromCounts_BadInput_ThrowsNamingTheArgument()
    {
        Assert.Equal("currentCounts", Assert.Throws<ArgumentException>(() => ChiSquaredTest.FromCounts([1, 2], [1, 2, 3])).ParamName);
        Assert.Equal("referenceCounts", Assert.Throws<ArgumentException>(() => ChiSquaredTest.FromCounts([-1, 2], [1, 2])).ParamName);
        Assert.Equal("currentCounts", Assert.Throws<ArgumentException>(() => ChiSquaredTest.FromCounts([1, 2], [0, 0])).ParamName);
        Assert.Equal("referenceCounts", Assert.Throws<ArgumentException>(() => ChiSquaredTest.FromCounts([], [])).ParamName);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => ChiSquaredTest.FromLabels([null, null], ["a"])).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentException>(
            () => ChiSquaredTest.FromCategoryCounts(new Dictionary<string, long> { ["a"] = 1 }, new Dictionary<string, long> { ["a"] = -1 })).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => ChiSquaredTest.FromCounts([1, 2], [2, 1]).ToDriftResult(1.5)).ParamName);
    }

    [Fact]
    public void ToDriftResult_SmallPValue_IsDriftOnPValue()
    {
        var result = ChiSquaredTest.FromCounts([500, 500], [320, 180]).ToDriftResult();

        Assert.Equal("chi_squared", result.Detector);
        Assert.Equal(DriftDecisionBasis.PValue, result.Basis);
        Assert.True(result.IsDrift);
        Assert.NotNull(result.PValue);
        Assert.Equal(1000, result.ReferenceCount);
        Assert.Equal(500, result.CurrentCount);
    }

    private void Check(string what, JsonElement expected, ChiSquaredResult actual)
    {
        double statistic = Oracle.Number(expected.GetProperty("statistic"));
        double p = Oracle.Number(expected.GetProperty("p"));
        Assert.Equal(expected.GetProperty("dof").GetInt32(), actual.DegreesOfFreedom);
        Tolerance.Close(statistic, actual.Statistic, 0, StatisticRel, what + " statistic");
        Tolerance.Close(p, actual.PValue, PAbs, PRel, what + " p");
        double statRel = statistic == 0 || double.IsInfinity(statistic) ? 0 : Math.Abs(actual.Statistic - statistic) / statistic;
        double pRel = p == 0 ? 0 : Math.Abs(actual.PValue - p) / p;
        output.WriteLine($"{what}: statistic rel error {statRel:E2}, p rel error {pRel:E2} (p = {actual.PValue:E3})");
    }
}

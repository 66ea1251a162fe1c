using ModelWatch.Drift;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Drift;

public sealed class JensenShannonTests(ITestOutputHelper output)
{
    public static TheoryData<string> CaseIds => Oracle.CaseIds("jensen_shannon");

    // Oracles README §6: divergence abs 1e-15 + rel 1e-12 (60-digit truth); distance rel 1e-9 when
    // above 1e-4, otherwise abs 1e-7 (the square root amplifies the divergence's absolute error).
    private const double DivergenceAbs = 1e-15;
    private const double DivergenceRel = 1e-12;

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void FromWeights_OracleCase_MatchesBothBases(string id)
    {
        var c = Oracle.Case("jensen_shannon", id);
        double[] p = Oracle.Doubles(c.GetProperty("p"));
        double[] q = Oracle.Doubles(c.GetProperty("q"));
        var expected = c.GetProperty("expected");

        var bits = JensenShannon.FromWeights(p, q);
        var nats = JensenShannon.FromWeights(p, q, JensenShannonBase.BaseE);

        double trueBits = expected.GetProperty("js_divergence_bits").GetDouble();
        double trueNats = expected.GetProperty("js_divergence_nats").GetDouble();
        Tolerance.Close(trueBits, bits.Divergence, DivergenceAbs, DivergenceRel, id + " bits");
        Tolerance.Close(trueNats, nats.Divergence, DivergenceAbs, DivergenceRel, id + " nats");
        CheckDistance(expected.GetProperty("js_distance_base_2").GetDouble(), bits.Distance, id + " distance base 2");
        CheckDistance(expected.GetProperty("js_distance_base_e").GetDouble(), nats.Distance, id + " distance base e");
        output.WriteLine(
            $"{id}: divergence bits rel error {RelativeError(trueBits, bits.Divergence):E2}, nats {RelativeError(trueNats, nats.Divergence):E2}; "
            + $"distance base 2 rel error {RelativeError(expected.GetProperty("js_distance_base_2").GetDouble(), bits.Distance):E2}");
    }

    [Fact]
    public void ComputeWithEdges_OracleRawSamples_MatchesBinnedDivergence()
    {
        int checkedCases = 0;
        foreach (var c in Oracle.Cases("jensen_shannon"))
        {
            if (!c.TryGetProperty("interior_edges", out var edgesJson))
            {
                continue;
            }

            string id = c.GetProperty("id").GetString()!;
            double[] reference = Oracle.Sample(c.GetProperty("reference"));
            double[] current = Oracle.Sample(c.GetProperty("current"));
            var expected = c.GetProperty("expected");

            var withEdges = JensenShannon.ComputeWithEdges(BinEdges.FromInteriorEdges(Oracle.Doubles(edgesJson)), reference, current);
            var fromQuantiles = JensenShannon.Compute(reference, current);
            var fromCounts = JensenShannon.FromCounts(
                Oracle.Doubles(c.GetProperty("p")).Select(x => (long)x).ToArray(), Oracle.Doubles(c.GetProperty("q")).Select(x => (long)x).ToArray());

            double truth = expected.GetProperty("js_divergence_bits").GetDouble();
            Tolerance.Close(truth, withEdges.Divergence, DivergenceAbs, DivergenceRel, id + " with edges");
            Tolerance.Close(truth, fromQuantiles.Divergence, DivergenceAbs, DivergenceRel, id + " from quantiles");
            Tolerance.Close(truth, fromCounts.Divergence, DivergenceAbs, DivergenceRel, id + " from counts");
            Assert.Equal(reference.Length, withEdges.Counts.Reference);
            checkedCases++;
        }

        Assert.True(checkedCases >= 2);
    }

    [Fact]
    public void FromCategoryCounts_UnionOfCategories_MatchesAlignedWeights()
    {
        var reference = new Dictionary<string, long> { ["a"] = 10, ["b"] = 30 };
        var current = new Dictionary<string, long> { ["b"] = 5, ["c"] = 15 };

        var result = JensenShannon.FromCategoryCounts(reference, current);

        Assert.Equal(JensenShannon.FromWeights([10, 30, 0], [0, 5, 15]).Divergence, result.Divergence, 15);
        Assert.Equal(result.Divergence, JensenShannon.FromLabels(["a", "b", "b", "b"], ["b", "c", "c", "c", null]).Divergence, 15);
        Assert.Equal(40, result.Counts.Reference);
    }

    [Fact]
    public void FromWeights_NearlyEqual_NeverNaNAndNonNegative()
    {
        var result = JensenShannon.FromWeights([0.5, 0.5], [0.5 + 1e-9, 0.5 - 1e-9]);

        Assert.False(double.IsNaN(result.Distance));
        Assert.True(result.Divergence >= 0);
        Assert.Equal(0, JensenShannon.FromWeights([1, 2, 3], [2, 4, 6]).Distance);
    }

    [Fact]
    public void BadInput_ThrowsNamingTheArgument()
    {
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => JensenShannon.FromWeights([1, 2], [1])).ParamName);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => JensenShannon.FromWeights([0, 0], [1, 1])).ParamName);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => JensenShannon.FromWeights([-1, 2], [1, 1])).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => JensenShannon.FromWeights([1, 2], [double.NaN, 1])).ParamName);
        Assert.Equal("currentCounts", Assert.Throws<ArgumentException>(() => JensenShannon.FromCounts([1, 2], [1, -1])).ParamName);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => JensenShannon.Compute([double.NaN], [1.0])).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => JensenShannon.Compute([1.0, 2.0], [])).ParamName);
        Assert.Equal("logBase", Assert.Throws<ArgumentOutOfRangeException>(() => JensenShannon.FromWeights([1.0], [1.0], (JensenShannonBase)7)).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => JensenShannon.FromWeights([1.0], [1.0]).ToDriftResult(double.PositiveInfinity)).ParamName);
    }

    [Fact]
    public void ToDriftResult_DisjointSupports_IsDriftOnDistance()
    {
        var result = JensenShannon.FromCounts([10, 0], [0, 10]).ToDriftResult();

        Assert.Equal("jensen_shannon", result.Detector);
        Assert.Equal(1.0, result.Statistic);
        Assert.True(result.IsDrift);
        Assert.Equal(DriftDecisionBasis.Statistic, result.Basis);
    }

    private static void CheckDistance(double expected, double actual, string what)
    {
        if (expected > 1e-4)
        {
            Tolerance.Close(expected, actual, 0, 1e-9, what);
        }
        else
        {
            Tolerance.Close(expected, actual, 1e-7, 0, what);
        }
    }

    private static double RelativeError(double expected, double actual) =>
        expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);
}

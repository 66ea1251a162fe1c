using ModelWatch.Drift;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Drift;

public sealed class WassersteinDistanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> CaseIds => Oracle.CaseIds("wasserstein");

    // Oracles README §7: rel 1e-12, or abs 1e-15 when the value is 0 (exact rational truth).
    private const double Rel = 1e-12;
    private const double AbsAtZero = 1e-15;

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Compute_OracleCase_MatchesExactW1AndNormedForm(string id)
    {
        var c = Oracle.Case("wasserstein", id);
        double[] u = Oracle.Sample(c.GetProperty("u"));
        double[] v = Oracle.Sample(c.GetProperty("v"));
        var expected = c.GetProperty("expected");
        double truth = expected.GetProperty("wasserstein1").GetDouble();

        WassersteinResult result = c.TryGetProperty("u_weights", out var uw)
            ? WassersteinDistance.ComputeWeighted(u, v, Oracle.Doubles(uw), Oracle.Doubles(c.GetProperty("v_weights")))
            : WassersteinDistance.Compute(u, v);

        Tolerance.Close(truth, result.Distance, truth == 0 ? AbsAtZero : 0, Rel, id + " W1");
        string line = $"{id}: W1 rel error {(truth == 0 ? result.Distance : Math.Abs(result.Distance - truth) / truth):E2}";
        if (Oracle.NumberOrNull(expected, "wasserstein1_normed_evidently") is double normed)
        {
            double sigma = expected.GetProperty("ref_std_population").GetDouble();
            Tolerance.Close(sigma, result.ReferenceStandardDeviation, AbsAtZero, Rel, id + " sigma");
            Tolerance.Close(normed, result.Normalized, normed == 0 ? AbsAtZero : 0, Rel, id + " normed");
            line += $", normed rel error {(normed == 0 ? result.Normalized : Math.Abs(result.Normalized - normed) / normed):E2}";
        }

        output.WriteLine(line);
    }

    [Fact]
    public void ComputeWeighted_UnitWeights_EqualsUnweighted()
    {
        var rng = new SplitMix64(3);
        double[] u = Enumerable.Range(0, 500).Select(_ => Math.Round(rng.NextNormal(), 2)).ToArray();
        double[] v = Enumerable.Range(0, 300).Select(_ => Math.Round(rng.NextNormal() + 0.2, 2)).ToArray();

        var plain = WassersteinDistance.Compute(u, v);
        var weighted = WassersteinDistance.ComputeWeighted(u, v, Enumerable.Repeat(2.0, u.Length).ToArray(), Enumerable.Repeat(0.5, v.Length).ToArray());

        Tolerance.Close(plain.Distance, weighted.Distance, 0, 1e-14, "W1");
        Tolerance.Close(plain.ReferenceStandardDeviation, weighted.ReferenceStandardDeviation, 0, 1e-13, "sigma");
    }

    [Fact]
    public void FromBinnedCounts_SeededSamples_BoundsContainExactW1()
    {
        var rng = new SplitMix64(11);
        for (int trial = 0; trial < 50; trial++)
        {
            double shift = trial * 0.02;
            double[] u = Enumerable.Range(0, 2000).Select(_ => rng.NextNormal()).ToArray();
            double[] v = Enumerable.Range(0, 700).Select(_ => (rng.NextNormal() * (1 + (trial % 3 * 0.2))) + shift).ToArray();
            var interior = BinEdges.FromQuantiles(u);
            var refCounts = new long[interior.BinCount];
            var curCounts = new long[interior.BinCount];
            interior.AddCounts(u, refCounts);
            interior.AddCounts(v, curCounts);
            double min = Math.Min(u.Min(), v.Min()), max = Math.Max(u.Max(), v.Max());
            double[] edges = [min, .. interior.InteriorEdges, max];

            var bounds = WassersteinDistance.FromBinnedCounts(edges, refCounts, curCounts);
            double exact = WassersteinDistance.Compute(u, v).Distance;

            Assert.InRange(exact, bounds.Lower * (1 - 1e-12), bounds.Upper * (1 + 1e-12));
            double widthBound = 0;
            for (int k = 0; k < refCounts.Length; k++)
            {
                widthBound += (edges[k + 1] - edges[k]) * ((refCounts[k] / (double)u.Length) + (curCounts[k] / (double)v.Length));
            }

            Assert.True(bounds.Upper - bounds.Lower <= widthBound * (1 + 1e-12));
            Assert.True(Math.Abs(bounds.Estimate - exact) <= bounds.MaxError * (1 + 1e-12));
        }
    }

    [Fact]
    public void Compute_NaNExcludedAndConstantReferenceUsesFloor()
    {
        var result = WassersteinDistance.Compute([2.0, double.NaN, 2.0], [2.5, double.NaN, double.NaN]);

        Assert.Equal(0.5, result.Distance);
        Assert.Equal(0, result.ReferenceStandardDeviation);
        Assert.Equal(500, result.Normalized, 9);
        Assert.Equal(1, result.Counts.ReferenceMissing);
        Assert.Equal(2, result.Counts.CurrentMissing);
        Assert.True(result.ToDriftResult().IsDrift);
        Assert.Equal("wasserstein", result.ToDriftResult().Detector);
    }

    [Fact]
    public void BadInput_ThrowsNamingTheArgument()
    {
        double[] ok = [1, 2];
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => WassersteinDistance.Compute([], ok)).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => WassersteinDistance.Compute(ok, [double.NaN])).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => WassersteinDistance.Compute(ok, [double.PositiveInfinity])).ParamName);
        Assert.Equal("referenceWeights", Assert.Throws<ArgumentException>(() => WassersteinDistance.ComputeWeighted(ok, ok, [1.0], ok)).ParamName);
        Assert.Equal("currentWeights", Assert.Throws<ArgumentException>(() => WassersteinDistance.ComputeWeighted(ok, ok, ok, [-1.0, 1])).ParamName);
        Assert.Equal("currentWeights", Assert.Throws<ArgumentException>(() => WassersteinDistance.ComputeWeighted(ok, ok, ok, [0.0, 0])).ParamName);
        Assert.Equal("edges", Assert.Throws<ArgumentException>(() => WassersteinDistance.FromBinnedCounts([0.0, 1.0], [1, 2], [2, 1])).ParamName);
        Assert.Equal("edges", Assert.Throws<ArgumentException>(() => WassersteinDistance.FromBinnedCounts([0.0, 2.0, 1.0], [1, 2], [2, 1])).ParamName);
        Assert.Equal("currentCounts", Assert.Throws<ArgumentException>(() => WassersteinDistance.FromBinnedCounts([0.0, 1.0, 2.0], [1, 2], [2, -1])).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => WassersteinDistance.Compute(ok, ok).ToDriftResult(-1)).ParamName);
    }
}

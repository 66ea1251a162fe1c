using ModelWatch.Drift;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Drift;

public sealed class PopulationStabilityIndexTests(ITestOutputHelper output)
{
    public static TheoryData<string> CaseIds => Oracle.CaseIds("psi");

    // Tolerances from oracles README §4: PSI rel 1e-12 (the truth is the 40-digit sum of the exact
    // proportions, correctly rounded; every term is >= 0, so a few ulps per term is the whole error);
    // edges abs 1e-12·scale (the type-7 formula is evaluated in the same order as the oracle).
    private const double PsiRel = 1e-12;
    private const double EdgeRel = 1e-12;

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Compute_OracleCase_MatchesEdgesCountsAndPsi(string id)
    {
        var c = Oracle.Case("psi", id);
        double[] reference = Oracle.Sample(c.GetProperty("reference"));
        double[] current = Oracle.Sample(c.GetProperty("current"));
        var expected = c.GetProperty("expected");

        var result = PopulationStabilityIndex.Compute(reference, current);

        double[] edges = Oracle.Doubles(expected.GetProperty("interior_edges"));
        double scale = reference.Max(Math.Abs);
        Assert.Equal(edges.Length, result.InteriorEdges.Length);
        double maxEdgeError = 0;
        for (int i = 0; i < edges.Length; i++)
        {
            Tolerance.Close(edges[i], result.InteriorEdges[i], EdgeRel * scale, 0, $"{id} edge {i}");
            maxEdgeError = Math.Max(maxEdgeError, Math.Abs(edges[i] - result.InteriorEdges[i]) / scale);
        }

        Assert.Equal(Oracle.Longs(expected.GetProperty("ref_counts")), result.ReferenceCounts.ToArray());
        Assert.Equal(Oracle.Longs(expected.GetProperty("cur_counts")), result.CurrentCounts.ToArray());
        Assert.Equal(Oracle.Doubles(expected.GetProperty("ref_props")), result.ReferenceShares.ToArray());
        Assert.Equal(Oracle.Doubles(expected.GetProperty("cur_props")), result.CurrentShares.ToArray());
        double psi = expected.GetProperty("psi").GetDouble();
        Tolerance.Close(psi, result.Value, 0, PsiRel, $"{id} psi");
        output.WriteLine($"{id}: psi rel error {Math.Abs(result.Value - psi) / psi:E2}, edge error/scale {maxEdgeError:E2}");
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void ComputeWithEdges_OracleInteriorEdges_MatchesCountsAndPsi(string id)
    {
        var c = Oracle.Case("psi", id);
        var expected = c.GetProperty("expected");
        var edges = BinEdges.FromInteriorEdges(Oracle.Doubles(expected.GetProperty("interior_edges")));

        var result = PopulationStabilityIndex.ComputeWithEdges(
            edges, Oracle.Sample(c.GetProperty("reference")), Oracle.Sample(c.GetProperty("current")));

        Assert.Equal(Oracle.Longs(expected.GetProperty("ref_counts")), result.ReferenceCounts.ToArray());
        Assert.Equal(Oracle.Longs(expected.GetProperty("cur_counts")), result.CurrentCounts.ToArray());
        Tolerance.Close(expected.GetProperty("psi").GetDouble(), result.Value, 0, PsiRel, $"{id} psi");
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void FromCounts_OracleCounts_MatchesPsi(string id)
    {
        var expected = Oracle.Case("psi", id).GetProperty("expected");

        var result = PopulationStabilityIndex.FromCounts(
            Oracle.Longs(expected.GetProperty("ref_counts")), Oracle.Longs(expected.GetProperty("cur_counts")));

        Tolerance.Close(expected.GetProperty("psi").GetDouble(), result.Value, 0, PsiRel, $"{id} psi");
        Assert.True(result.InteriorEdges.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void TypeSevenQuantiles_OracleCase_MatchesRawEdges(string id)
    {
        var c = Oracle.Case("psi", id);
        double[] reference = Oracle.Sample(c.GetProperty("reference"));
        double[] raw = Oracle.Doubles(c.GetProperty("expected").GetProperty("raw_edges"));
        double scale = reference.Max(Math.Abs);

        double[] actual = BinEdges.TypeSevenQuantiles(reference, 0, 10);

        for (int i = 0; i < raw.Length; i++)
        {
            Tolerance.Close(raw[i], actual[i], EdgeRel * scale, 0, $"{id} raw edge {i}");
        }
    }

    [Fact]
    public void PsiReferenceEvaluate_CountsOrSample_EqualsCompute()
    {
        var rng = new SplitMix64(42);
        double[] reference = Enumerable.Range(0, 5000).Select(_ => rng.NextNormal()).ToArray();
        double[] current = Enumerable.Range(0, 800).Select(_ => rng.NextNormal() + 0.3).ToArray();
        var frozen = PsiReference.FromSample(reference);
        var counts = new long[frozen.Edges.BinCount];
        foreach (double v in current)
        {
            counts[frozen.Edges.BinIndex(v)]++;
        }

        var direct = PopulationStabilityIndex.Compute(reference, current);
        Assert.Equal(direct.Value, frozen.Evaluate(counts).Value);
        Assert.Equal(direct.Value, frozen.Evaluate(current).Value);
        Assert.Equal(direct.Value, PsiReference.FromCounts(frozen.Edges, frozen.Counts.AsSpan()).Evaluate(counts).Value);
    }

    [Fact]
    public void Compute_ConstantReference_TwoBinsAndZeroForIdenticalConstants()
    {
        double[] constant = [3, 3, 3, 3];

        var result = PopulationStabilityIndex.Compute(constant, constant);

        Assert.Equal(2, result.ReferenceCounts.Length);
        Assert.Equal([3.0], result.InteriorEdges.ToArray());
        Assert.Equal(0, result.Value);
        Assert.Equal(PsiBand.Stable, result.Band);
    }

    [Fact]
    public void Compute_NaNInSamples_ExcludedAndCounted()
    {
        double[] reference = [1, double.NaN, 2, 3, 4, double.NaN];
        double[] current = [double.NaN, 2, 3];

        var result = PopulationStabilityIndex.Compute(reference, current, bins: 2);

        Assert.Equal(2, result.Counts.ReferenceMissing);
        Assert.Equal(1, result.Counts.CurrentMissing);
        Assert.Equal(4, result.Counts.Reference);
        Assert.Equal(2, result.Counts.Current);
        Assert.Equal(PopulationStabilityIndex.Compute([1.0, 2, 3, 4], [2.0, 3], bins: 2).Value, result.Value);
    }

    [Fact]
    public void Compute_BadInput_ThrowsNamingTheArgument()
    {
        double[] ok = [1, 2, 3];
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.Compute([], ok)).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.Compute(ok, [])).ParamName);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.Compute([double.NaN, double.NaN], ok)).ParamName);
        Assert.Equal("current", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.Compute(ok, [double.NaN])).ParamName);
        Assert.Equal("bins", Assert.Throws<ArgumentOutOfRangeException>(() => PopulationStabilityIndex.Compute(ok, ok, bins: 1)).ParamName);
        Assert.Equal("currentCounts", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.FromCounts([1, 2, 3], [1, 2])).ParamName);
        Assert.Equal("currentCounts", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.FromCounts([1, 2], [1, -2])).ParamName);
        Assert.Equal("referenceCounts", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.FromCounts([0, 0], [1, 2])).ParamName);
        Assert.Equal("referenceCounts", Assert.Throws<ArgumentException>(() => PopulationStabilityIndex.FromCounts([5], [5])).ParamName);
        Assert.Equal("interiorEdges", Assert.Throws<ArgumentException>(() => BinEdges.FromInteriorEdges([1.0, 1.0])).ParamName);
        Assert.Equal("interiorEdges", Assert.Throws<ArgumentException>(() => BinEdges.FromInteriorEdges([double.NaN])).ParamName);
        Assert.Equal("interiorEdges", Assert.Throws<ArgumentException>(() => BinEdges.FromInteriorEdges([])).ParamName);
        var frozen = PsiReference.FromSample(ok, bins: 2);
        Assert.Equal("currentCounts", Assert.Throws<ArgumentException>(() => frozen.Evaluate(new long[] { 1, 2, 3 })).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => frozen.Evaluate(new long[] { 1, 2 }).ToDriftResult(double.NaN)).ParamName);
    }

    [Fact]
    public void BinIndex_EdgeValuesAndNaN_FollowRightClosedConvention()
    {
        var edges = BinEdges.FromInteriorEdges([1.0, 2.0, 3.0]);

        Assert.Equal(0, edges.BinIndex(double.NegativeInfinity));
        Assert.Equal(0, edges.BinIndex(1.0));
        Assert.Equal(1, edges.BinIndex(Math.BitIncrement(1.0)));
        Assert.Equal(1, edges.BinIndex(2.0));
        Assert.Equal(3, edges.BinIndex(3.5));
        Assert.Equal(3, edges.BinIndex(double.PositiveInfinity));
        Assert.Equal(-1, edges.BinIndex(double.NaN));
    }

    [Fact]
    public void FromCategoryCounts_UnseenCategories_PooledInLastBucket()
    {
        var reference = new Dictionary<string, long> { ["b"] = 50, ["a"] = 50 };
        var current = new Dictionary<string, long> { ["a"] = 40, ["b"] = 40, ["x"] = 15, ["y"] = 5 };

        var result = PopulationStabilityIndex.FromCategoryCounts(reference, current);

        Assert.Equal(["a", "b"], result.Categories.ToArray());
        Assert.Equal([50L, 50, 0], result.ReferenceCounts.ToArray());
        Assert.Equal([40L, 40, 20], result.CurrentCounts.ToArray());
        double expected = (2 * (0.4 - 0.5) * Math.Log(0.4 / 0.5)) + ((0.2 - 1e-4) * Math.Log(0.2 / 1e-4));
        Tolerance.Close(expected, result.Value, 0, 1e-13, "categorical psi");
        string?[] refLabels = [.. Enumerable.Repeat("a", 50), .. Enumerable.Repeat("b", 50), null];
        string?[] curLabels = [.. Enumerable.Repeat("b", 40), .. Enumerable.Repeat("x", 15), .. Enumerable.Repeat("a", 40), .. Enumerable.Repeat("y", 5)];
        var fromLabels = PopulationStabilityIndex.FromLabels(refLabels, curLabels);
        Assert.Equal(result.Value, fromLabels.Value);
        Assert.Equal(1, fromLabels.Counts.ReferenceMissing);
    }

    [Theory]
    [InlineData(0.0, PsiBand.Stable)]
    [InlineData(0.0999, PsiBand.Stable)]
    [InlineData(0.1, PsiBand.Moderate)]
    [InlineData(0.2499, PsiBand.Moderate)]
    [InlineData(0.25, PsiBand.Major)]
    public void Classify_Value_ReturnsBand(double psi, PsiBand band) => Assert.Equal(band, PopulationStabilityIndex.Classify(psi));

    [Fact]
    public void ToDriftResult_AboveThreshold_IsDriftOnStatistic()
    {
        var result = PopulationStabilityIndex.FromCounts([50, 50], [80, 20]).ToDriftResult();

        Assert.Equal("psi", result.Detector);
        Assert.Equal(DriftDecisionBasis.Statistic, result.Basis);
        Assert.Null(result.PValue);
        Assert.True(result.IsDrift);
        Assert.Equal(100, result.ReferenceCount);
    }
}

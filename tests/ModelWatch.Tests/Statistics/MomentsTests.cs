using System.Text.Json;
using ModelWatch.Statistics;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Statistics;

public sealed class MomentsTests : MergeableContractTests<Moments>
{
    private readonly double[] _stream = TestStreams.Normal(seed: 7, count: 40_000, mean: 1e6, sd: 3);

    protected override Moments CreateEmpty() => new();

    protected override void AddItem(Moments accumulator, int index) => accumulator.Add(_stream[index]);

    protected override void Merge(Moments target, Moments source) => target.Merge(source);

    protected override void Clear(Moments accumulator) => accumulator.Clear();

    protected override Moments RoundTripThroughJson(Moments accumulator)
    {
        string json = StatisticsJson.Serialize(accumulator.ToSnapshot());
        return Moments.FromSnapshot(StatisticsJson.Deserialize<MomentsSnapshot>(json));
    }

    protected override void AssertEquivalent(Moments expected, Moments actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Min, actual.Min);
        Assert.Equal(expected.Max, actual.Max);
        // Merging reorders floating-point work; 1e-12 relative is far inside the oracle tolerances.
        Tolerance.Close(expected.Mean, actual.Mean, 1e-14 * Math.Abs(expected.Max), 0, "mean");
        Tolerance.Close(expected.PopulationVariance, actual.PopulationVariance, 0, 1e-12, "variance");
        Tolerance.Close(expected.Skewness, actual.Skewness, 1e-10, 1e-10, "skewness");
        Tolerance.Close(expected.ExcessKurtosis, actual.ExcessKurtosis, 1e-10, 1e-10, "kurtosis");
    }

    protected override void AssertIdentical(Moments expected, Moments actual) =>
        Assert.Equal(expected.ToSnapshot(), actual.ToSnapshot());

    public static TheoryData<string> Cases() => Oracle.CaseIds("moments");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Add_OracleCase_MatchesTruthWithinRecommendedTolerance(string id)
    {
        var c = Oracle.Case("moments", id);
        double[] data = Oracle.Sample(c.GetProperty("data"));
        var m = new Moments();
        m.Add(data);
        AssertMatchesOracle(c.GetProperty("expected"), data, m, id);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Merge_OraclePartitions_MatchTruthWithinRecommendedTolerance(string id)
    {
        var c = Oracle.Case("moments", id);
        double[] data = Oracle.Sample(c.GetProperty("data"));
        foreach (var partition in c.GetProperty("partitions").EnumerateArray())
        {
            long[] bounds = Oracle.Longs(partition);
            var merged = new Moments();
            for (int p = 0; p + 1 < bounds.Length; p++)
            {
                var chunk = new Moments();
                chunk.Add(data.AsSpan((int)bounds[p], (int)(bounds[p + 1] - bounds[p])));
                merged.Merge(chunk);
            }

            AssertMatchesOracle(c.GetProperty("expected"), data, merged, $"{id} partition [{string.Join(",", bounds)}]");
        }
    }

    private static void AssertMatchesOracle(JsonElement e, double[] data, Moments m, string what)
    {
        double maxAbs = 0;
        foreach (double v in data)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(v));
        }

        Assert.Equal(e.GetProperty("count").GetInt64(), m.Count);
        Check("min", Oracle.NumberOrNull(e, "min"), m.Min, 0, 0);
        Check("max", Oracle.NumberOrNull(e, "max"), m.Max, 0, 0);

        // Tolerances recommended by Oracles/README.md §8: mean abs 1e-14·max|x|; variance and std
        // rel 1e-9; skewness and kurtosis abs 1e-8 + rel 1e-9. The sum is checked like n means.
        Check("sum", Oracle.NumberOrNull(e, "sum"), m.Sum, 1e-14 * maxAbs * Math.Max(1, data.Length), 0);
        Check("mean", Oracle.NumberOrNull(e, "mean"), m.Mean, 1e-14 * maxAbs, 0);
        Check("variance_population", Oracle.NumberOrNull(e, "variance_population"), m.PopulationVariance, 0, 1e-9);
        Check("variance_sample", Oracle.NumberOrNull(e, "variance_sample"), m.SampleVariance, 0, 1e-9);
        Check("std_population", Oracle.NumberOrNull(e, "std_population"), m.PopulationStandardDeviation, 0, 1e-9);
        Check("std_sample", Oracle.NumberOrNull(e, "std_sample"), m.SampleStandardDeviation, 0, 1e-9);
        Check("skewness_population", Oracle.NumberOrNull(e, "skewness_population"), m.Skewness, 1e-8, 1e-9);
        Check("skewness_sample_adjusted", Oracle.NumberOrNull(e, "skewness_sample_adjusted"), m.SampleSkewness, 1e-8, 1e-9);
        Check("kurtosis_excess_population", Oracle.NumberOrNull(e, "kurtosis_excess_population"), m.ExcessKurtosis, 1e-8, 1e-9);

        void Check(string field, double? expected, double actual, double abs, double rel)
        {
            if (expected is null)
            {
                Assert.True(double.IsNaN(actual), $"{what} {field}: undefined in the oracle, got {actual:R}");
            }
            else
            {
                Tolerance.Close(expected.Value, actual, abs, rel, $"{what} {field}");
            }
        }
    }

    [Fact]
    public void Add_NaNAndInfinity_CountedAndNeverPoisonTheMoments()
    {
        var m = new Moments();
        m.Add([1.0, double.NaN, 3.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN]);

        Assert.Equal(2, m.Count);
        Assert.Equal(2, m.MissingCount);
        Assert.Equal(2, m.NonFiniteCount);
        Assert.Equal(2.0, m.Mean);
        Assert.Equal(1.0, m.PopulationVariance);
        Assert.Equal(1.0, m.Min);
        Assert.Equal(3.0, m.Max);
    }

    [Fact]
    public void Merge_CountsMissingValuesOfBothSides()
    {
        var a = new Moments();
        a.Add([double.NaN, double.NaN]);
        var b = new Moments();
        b.Add([5.0, double.PositiveInfinity]);
        a.Merge(b);

        Assert.Equal(1, a.Count);
        Assert.Equal(2, a.MissingCount);
        Assert.Equal(1, a.NonFiniteCount);
        Assert.Equal(5.0, a.Mean);
    }

    [Fact]
    public void Merge_Null_ThrowsArgumentNullException() =>
        Assert.Throws<ArgumentNullException>("other", () => new Moments().Merge(null!));

    [Fact]
    public void FromSnapshot_NegativeCount_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>("snapshot", () => Moments.FromSnapshot(new MomentsSnapshot { Count = -1 }));

    [Fact]
    public void FromSnapshot_NonFiniteSum_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(
            "snapshot", () => Moments.FromSnapshot(new MomentsSnapshot { Count = 2, M2 = double.NaN, Min = 0, Max = 1 }));
}

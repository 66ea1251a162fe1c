using ModelWatch.Internal;
using ModelWatch.Statistics;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Statistics;

public sealed class HistogramTests : MergeableContractTests<Histogram>
{
    private static readonly double[] Edges = [-1.5, -1, -0.5, 0, 0.25, 0.5, 1, 1.5, 2, 3];
    private readonly double[] _stream = WithSpecials(TestStreams.Normal(seed: 5, count: 40_000));

    private static double[] WithSpecials(double[] values)
    {
        for (int i = 0; i < values.Length; i += 97)
        {
            values[i] = (i / 97 % 3) switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => 0.5 };
        }

        return values;
    }

    protected override Histogram CreateEmpty() => new(Edges);

    protected override void AddItem(Histogram accumulator, int index) => accumulator.Add(_stream[index]);

    protected override void Merge(Histogram target, Histogram source) => target.Merge(source);

    protected override void Clear(Histogram accumulator) => accumulator.Clear();

    protected override Histogram RoundTripThroughJson(Histogram accumulator) =>
        Histogram.FromSnapshot(StatisticsJson.Deserialize<HistogramSnapshot>(StatisticsJson.Serialize(accumulator.ToSnapshot())));

    // Counts add exactly.
    protected override void AssertEquivalent(Histogram expected, Histogram actual) => AssertIdentical(expected, actual);

    protected override void AssertIdentical(Histogram expected, Histogram actual)
    {
        Assert.Equal(expected.ToSnapshot(), actual.ToSnapshot());
        Assert.Equal(expected.Count, actual.Count);
    }

    [Fact]
    public void Add_ValueOnEdge_FallsInLowerBin()
    {
        var h = new Histogram([0.0, 1.0]);
        h.Add([-5, 0, 0.5, 1, 1.0000001, 7]);
        Assert.Equal([2L, 2, 2], h.Counts.ToArray());
    }

    [Fact]
    public void Add_NaNAndInfinity_CountedSeparately()
    {
        var h = new Histogram([0.0]);
        h.Add([double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1, -1]);
        Assert.Equal(2, h.Count);
        Assert.Equal(1, h.MissingCount);
        Assert.Equal(2, h.NonFiniteCount);
        Assert.Equal([1L, 1], h.Counts.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(127)]
    public void BinOf_AnyEdgeCount_EqualsNumberOfEdgesBelow(int edgeCount)
    {
        var rng = new SplitMix64((ulong)edgeCount);
        var edges = new double[edgeCount];
        double x = -3;
        for (int i = 0; i < edgeCount; i++)
        {
            x += 0.01 + rng.NextUniform();
            edges[i] = x;
        }

        var h = new Histogram(edges);
        var probes = new List<double>(edges) { double.MinValue, double.MaxValue, -0.0, 0.0, edges[0] - 1e-12 };
        for (int i = 0; i < 2000; i++)
        {
            probes.Add(-4 + (x + 5) * rng.NextUniform());
        }

        foreach (double p in probes)
        {
            int expected = edges.Count(e => e < p);
            Assert.Equal(expected, h.BinOf(p));
            Assert.Equal(expected, BinSearch.Index(edges, p));
        }
    }

    [Fact]
    public void Merge_DifferentEdges_Throws() =>
        Assert.Throws<ArgumentException>("other", () => new Histogram([0.0, 1.0]).Merge(new Histogram([0.0, 2.0])));

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 1.0, 1.0 })]
    [InlineData(new[] { 2.0, 1.0 })]
    [InlineData(new[] { 0.0, double.NaN })]
    [InlineData(new[] { double.NegativeInfinity, 0.0 })]
    public void Constructor_BadEdges_Throws(double[] edges) =>
        Assert.Throws<ArgumentException>("edges", () => new Histogram(edges));

    [Fact]
    public void FromSnapshot_WrongCountLength_Throws() =>
        Assert.Throws<ArgumentException>("snapshot", () => Histogram.FromSnapshot(new HistogramSnapshot { Edges = [0.0], Counts = [1] }));

    [Fact]
    public void FromSnapshot_NegativeCount_Throws() =>
        Assert.Throws<ArgumentException>("snapshot", () => Histogram.FromSnapshot(new HistogramSnapshot { Edges = [0.0], Counts = [1, -1] }));
}

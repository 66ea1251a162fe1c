using System.Text.Json;
using ModelWatch.Statistics;

namespace ModelWatch.Tests.Statistics;

/// <summary>
/// The snapshots' JSON is a wire format: profile files and monitor snapshots written by one version
/// must load in the next. These strings were written by the version that introduced them; a change
/// that alters any of them breaks files already on disk.
/// </summary>
public sealed class StatisticsJsonTests
{
    [Fact]
    public void Serialize_Moments_WritesTheVersion1Fields()
    {
        var moments = new Moments();
        moments.Add([1e6 + 0.5, 1e6 - 2.25, double.NaN, double.PositiveInfinity, 1e6 + 3]);
        var constant = new Moments();
        constant.Add([4.0, 4.0]);

        AssertWireFormat(
            moments.ToSnapshot(),
            """{"count":3,"missingCount":1,"nonFiniteCount":1,"shift":1000000.5,"scaleExponent":1,"shiftedMean":-0.04166666666666674,"m2":3.4479166666666665,"m3":-0.2152777777777779,"m4":5.9440646701388875,"min":999997.75,"max":1000003}""",
            s => Moments.FromSnapshot(s).ToSnapshot());
        AssertWireFormat(
            constant.ToSnapshot(),
            """{"count":2,"missingCount":0,"nonFiniteCount":0,"shift":4,"shiftedMean":0,"m2":0,"m3":0,"m4":0,"min":4,"max":4}""",
            s => Moments.FromSnapshot(s).ToSnapshot());
        AssertWireFormat(
            new Moments().ToSnapshot(),
            """{"count":0,"missingCount":0,"nonFiniteCount":0,"shift":0,"shiftedMean":0,"m2":0,"m3":0,"m4":0,"min":0,"max":0}""",
            s => Moments.FromSnapshot(s).ToSnapshot());
    }

    [Fact]
    public void Serialize_QuantileSketch_WritesTheVersion1Fields()
    {
        var sketch = new QuantileSketch(k: 8, seed: 42);
        for (int i = 0; i < 40; i++)
        {
            sketch.Add(i * 7919 % 41 / 4.0);
        }

        sketch.Add(double.NaN);

        AssertWireFormat(
            sketch.ToSnapshot(),
            """{"k":8,"generatorState":8709371129873690750,"count":40,"missingCount":1,"nonFiniteCount":0,"min":0,"max":10,"levels":[[7.25,0.75],[1,2.25,2.75,4,5.25,5.75,7,8.5,9.75],[0.25,2,3.5,6,8]]}""",
            s => QuantileSketch.FromSnapshot(s).ToSnapshot());
        AssertWireFormat(
            new QuantileSketch().ToSnapshot(),
            """{"k":600,"generatorState":407704162766,"count":0,"missingCount":0,"nonFiniteCount":0,"min":0,"max":0,"levels":[[]]}""",
            s => QuantileSketch.FromSnapshot(s).ToSnapshot());
    }

    [Fact]
    public void Serialize_Histogram_WritesTheVersion1Fields()
    {
        var histogram = new Histogram([0.0, 1.5, 3.0]);
        histogram.Add([-1.0, 0.0, 1.0, 2.0, 3.0, 4.0, double.NaN, double.NegativeInfinity]);

        AssertWireFormat(
            histogram.ToSnapshot(),
            """{"edges":[0,1.5,3],"counts":[2,1,2,1],"missingCount":1,"nonFiniteCount":1}""",
            s => Histogram.FromSnapshot(s).ToSnapshot());
    }

    [Fact]
    public void Serialize_CategoryCounts_WritesTheVersion1Fields()
    {
        var counts = new CategoryCounts(capacity: 3, maxKeyLength: 16);
        foreach (string? value in new[] { "a", "b", "a", "c", "d", "e", "a", null, string.Empty, "a-very-long-category-name-here" })
        {
            counts.Add(value);
        }

        AssertWireFormat(
            counts.ToSnapshot(),
            """{"capacity":3,"maxKeyLength":16,"count":8,"missingCount":2,"truncatedCount":1,"untrackedBound":2,"entries":[{"value":"a","count":3,"maxOvercount":0},{"value":"d","count":2,"maxOvercount":1},{"value":"a-very-~058457a2","count":3,"maxOvercount":2}]}""",
            s => CategoryCounts.FromSnapshot(s).ToSnapshot());
        AssertWireFormat(
            new CategoryCounts().ToSnapshot(),
            """{"capacity":1000,"maxKeyLength":256,"count":0,"missingCount":0,"truncatedCount":0,"untrackedBound":0,"entries":[]}""",
            s => CategoryCounts.FromSnapshot(s).ToSnapshot());
    }

    [Fact]
    public void Resolver_InTheCallersOptions_RoundTripsEverySnapshot()
    {
        // The documented way to embed snapshots in one's own documents; the snapshots' state is
        // internal, so this also checks that the resolver still sees it.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.TypeInfoResolverChain.Add(StatisticsJson.Resolver);
        var moments = new Moments();
        moments.Add([1.0, 2.0, 4.0]);
        var sketch = new QuantileSketch(k: 8);
        sketch.Add([3.0, 1.0, 2.0]);
        var histogram = new Histogram([0.0]);
        histogram.Add([-1.0, 1.0, 2.0]);
        var counts = new CategoryCounts();
        counts.Add("a");

        AssertRoundTrip(moments.ToSnapshot());
        AssertRoundTrip(sketch.ToSnapshot());
        AssertRoundTrip(histogram.ToSnapshot());
        AssertRoundTrip(counts.ToSnapshot());

        void AssertRoundTrip<TSnapshot>(TSnapshot snapshot) =>
            Assert.Equal(snapshot, JsonSerializer.Deserialize<TSnapshot>(JsonSerializer.Serialize(snapshot, options), options));
    }

    [Fact]
    public void SerializeAndDeserialize_NotASnapshotType_Throw()
    {
        Assert.Throws<ArgumentException>("TSnapshot", () => StatisticsJson.Serialize("x"));
        Assert.Throws<ArgumentException>("TSnapshot", () => StatisticsJson.Deserialize<string>("\"x\""));
        Assert.Throws<ArgumentException>("TSnapshot", () => StatisticsJson.Deserialize<long[]>("[1]"));
    }

    /// <summary>
    /// Asserts the exact JSON text, and that reading it back gives an equal snapshot which, restored
    /// into its accumulator and snapshotted again, writes the same text.
    /// </summary>
    private static void AssertWireFormat<TSnapshot>(TSnapshot snapshot, string expected, Func<TSnapshot, TSnapshot> restoreAndSnapshot)
        where TSnapshot : class
    {
        Assert.Equal(expected, StatisticsJson.Serialize(snapshot));
        var read = StatisticsJson.Deserialize<TSnapshot>(expected);
        Assert.Equal(snapshot, read);
        Assert.Equal(expected, StatisticsJson.Serialize(restoreAndSnapshot(read)));
    }
}

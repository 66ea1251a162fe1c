using ModelWatch.Internal;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring;

/// <summary>The logging path's bin lookup against the plain rule (the number of edges strictly below the value).</summary>
public sealed class GridBinLookupTests
{
    public static TheoryData<string> EdgeSets => ["normal", "skewed", "crowded", "one", "two", "extreme"];

    [Theory]
    [MemberData(nameof(EdgeSets))]
    public void BinOf_EqualsTheNumberOfEdgesBelow_ForEdgesTheirNeighboursAndRandomValues(string kind)
    {
        var random = new Random(kind.Length * 31);
        double[] edges = Edges(kind, random);
        var lookup = new GridBinLookup(edges);
        var values = new List<double> { double.MaxValue, -double.MaxValue, 0.0, -0.0, double.Epsilon, 1e308, -1e308 };
        foreach (double e in edges)
        {
            values.AddRange([e, Math.BitDecrement(e), Math.BitIncrement(e)]);
        }

        for (int i = 0; i < 20_000; i++)
        {
            values.Add(random.NextDouble() < 0.5 ? edges[random.Next(edges.Length)] + ((random.NextDouble() - 0.5) * 1e-3) : (random.NextDouble() - 0.5) * 40);
        }

        foreach (double x in values)
        {
            Assert.Equal(BinSearch.Index(edges, x), lookup.BinOf(x));
        }
    }

    [Fact]
    public void BinOf_OneEdgeFarFromAValue_DoesNotOverflowIntoAnInvalidCell()
    {
        // (x − low) overflows to +∞ here; with one edge there is no grid scale to multiply it by.
        var lookup = new GridBinLookup([-1e308]);
        Assert.Equal(1, lookup.BinOf(1e308));
        Assert.Equal(1, lookup.BinOf(double.MaxValue));
        Assert.Equal(0, lookup.BinOf(-double.MaxValue));
        Assert.Equal(0, new GridBinLookup([]).BinOf(3.0));
    }

    [Theory]
    [MemberData(nameof(EdgeSets))]
    public void BinnedColumn_SkipsTheRangeCompareOnlyWhereNoValueCanBeOutOfRange(string kind)
    {
        var random = new Random(kind.Length * 17);
        double[] edges = Edges(kind, random);
        foreach (var (min, max) in new[] { (edges[0] - 1, edges[^1] + 1), (edges[0], edges[^1]), (edges[0] - 1e-9, edges[^1]), (double.NaN, 1.0) })
        {
            var column = new BinnedColumn(edges, new GridBinLookup(edges), min, max, binOffset: 0);
            for (int i = 0; i < 20_000; i++)
            {
                double x = random.NextDouble() < 0.3 ? edges[random.Next(edges.Length)] + ((random.NextDouble() - 0.5) * 1e-6) : (random.NextDouble() - 0.5) * 60;
                bool outside = x < min || x > max;
                Assert.True(!outside || column.MayBeOutOfRange(column.Lookup!.BinOf(x)), $"{x} is outside [{min}, {max}] but its bin skips the compare");
            }
        }
    }

    private static double[] Edges(string kind, Random random)
    {
        IEnumerable<double> raw = kind switch
        {
            "normal" => Enumerable.Range(1, 99).Select(k => Normal(k / 100.0)),
            "skewed" => Enumerable.Range(1, 99).Select(k => Math.Exp(3 * Normal(k / 100.0))),
            "crowded" => Enumerable.Range(0, 200).Select(k => k < 150 ? k * 1e-6 : k - 140.0),
            "one" => [0.5],
            "two" => [-3.0, 7.0],
            _ => [-1e300, -1.0, 0.0, 1.0, 1e300],
        };
        return [.. raw.Distinct().Order()];
    }

    // A normal quantile by bisection on the error function's complement: enough for test edges.
    private static double Normal(double p)
    {
        double low = -10, high = 10;
        for (int i = 0; i < 100; i++)
        {
            double mid = (low + high) / 2;
            if (MathNet.Numerics.SpecialFunctions.Erfc(-mid / Math.Sqrt(2)) / 2 < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }
}

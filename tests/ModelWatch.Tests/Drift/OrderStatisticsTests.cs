using ModelWatch.Internal;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Drift;

public sealed class OrderStatisticsTests
{
    [Theory]
    [InlineData(16_384, 0, false)]
    [InlineData(100_000, 0, false)]
    [InlineData(100_000, 0, true)]
    [InlineData(250_000, 1000, false)]
    [InlineData(60_000, 7, true)]
    public void Select_SeededData_EqualsFullSort(int n, int nanCount, bool ties)
    {
        var rng = new SplitMix64((ulong)(n + nanCount));
        var data = new double[n];
        for (int i = 0; i < n; i++)
        {
            data[i] = ties ? Math.Floor(rng.NextNormal() * 3) : rng.NextNormal();
        }

        for (int i = 0; i < nanCount; i++)
        {
            data[(int)(rng.Next() % (ulong)n)] = double.NaN;
        }

        int nan = data.Count(double.IsNaN);
        double[] sorted = data.Where(v => !double.IsNaN(v)).Order().ToArray();
        long m = sorted.Length;
        long[] ranks = [0, 1, m / 10, (m / 10) + 1, m / 2, (m / 2) + 1, (9 * m / 10) - 1, m - 2, m - 1];
        var actual = new double[ranks.Length];

        OrderStatistics.Select(data, nan, ranks, actual);

        Assert.Equal(ranks.Select(r => sorted[r]).ToArray(), actual);
    }

    [Fact]
    public void Select_ConstantDataWithInfinities_EqualsFullSort()
    {
        var data = Enumerable.Repeat(2.0, 50_000).ToArray();
        data[5] = double.PositiveInfinity;
        data[7] = double.NegativeInfinity;
        double[] sorted = data.Order().ToArray();
        long[] ranks = [0, 1, 25_000, 49_998, 49_999];
        var actual = new double[ranks.Length];

        OrderStatistics.Select(data, 0, ranks, actual);

        Assert.Equal(ranks.Select(r => sorted[r]).ToArray(), actual);
    }

    [Fact]
    public void Quickselect_EveryRank_EqualsSort()
    {
        var rng = new SplitMix64(7);
        double[] data = Enumerable.Range(0, 300).Select(_ => Math.Round(rng.NextNormal(), 1)).ToArray();
        double[] sorted = data.Order().ToArray();
        for (int k = 0; k < data.Length; k++)
        {
            Assert.Equal(sorted[k], OrderStatistics.Quickselect((double[])data.Clone(), k));
        }
    }
}

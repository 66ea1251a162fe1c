using ModelWatch.Internal;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// The logging path's numeric row update (vectorized on x86 with AVX for up to 64 columns, scalar
/// otherwise) against the definitions: per column the finite count, missing and non-finite counts,
/// out-of-range counts, extremes and moments, and per value its bin among the reference's edges.
/// </summary>
public sealed class NumericRowsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(63)]
    [InlineData(70)] // past one 64-bit lane mask: the scalar variant
    public void Rows_WithMissingInfiniteOutOfRangeAndEdgeValues_MatchTheDefinitions(int features)
    {
        var reference = TestModels.NormalReference(features, rows: 3_000);
        var rng = new Random(features);
        AddRowsAndCheck(reference, features, rng, () => 1_000 + NextNormal(rng)); // far from zero: the centering matters
    }

    /// <summary>
    /// A skewed reference puts many edges into a few grid cells (crowded cells, settled by each
    /// column's own lookup) and leaves most cells empty; values drawn like the reference's land in
    /// all three kinds.
    /// </summary>
    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(70)]
    public void Rows_FromASkewedReference_FindEveryBinThroughCrowdedAndEmptyCells(int features)
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema([.. Enumerable.Range(0, features).Select(f => "f" + f)]));
        var rng = new Random(features);
        var row = new double[features];
        for (int r = 0; r < 5_000; r++)
        {
            for (int f = 0; f < features; f++)
            {
                row[f] = Skewed(rng);
            }

            builder.Add(row, Skewed(rng));
        }

        var reference = builder.Build();
        int crowded = reference.Numeric.Sum(n => CrowdedCells(new GridBinLookup(n.Edges.InteriorEdges.AsSpan())));
        Assert.True(crowded >= features, $"{crowded} crowded cells");
        AddRowsAndCheck(reference, features, rng, () => Skewed(rng));
    }

    private static void AddRowsAndCheck(ReferenceProfile reference, int features, Random rng, Func<double> ordinary)
    {
        var layout = new MonitorLayout(reference.Schema, reference, categoryCapacity: 16);
        var window = new WindowAccumulator(layout);
        int columns = layout.NumericColumns;
        var rows = new List<double[]>();
        for (int r = 0; r < 2_000; r++)
        {
            var row = new double[columns];
            for (int c = 0; c < columns; c++)
            {
                var numeric = reference.Numeric[c];
                double u = rng.NextDouble();
                row[c] = (r < 3 && c % 2 == 0) || u < 0.02 ? double.NaN     // missing, also as a column's first values
                    : u < 0.03 ? (rng.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity)
                    : u < 0.06 ? numeric.Edges.InteriorEdges[rng.Next(numeric.Edges.InteriorEdges.Length)]
                    : u < 0.08 ? (rng.Next(2) == 0 ? numeric.Min : numeric.Max)
                    : u < 0.10 ? (rng.Next(2) == 0 ? Math.BitDecrement(numeric.Min) : Math.BitIncrement(numeric.Max))
                    : u < 0.11 ? (rng.NextDouble() - 0.5) * 1e6
                    : ordinary();
            }

            rows.Add(row);
            layout.Rows.Add(window, row.AsSpan(0, features), row[^1]);
            if (r % 700 == 0)
            {
                _ = window.Numeric; // a read mid-way folds what the logging path holds so far
            }
        }

        for (int c = 0; c < columns; c++)
        {
            var numeric = reference.Numeric[c];
            var values = rows.Select(row => row[c]).ToArray();
            var finite = values.Where(double.IsFinite).ToArray();
            var cell = window.Numeric[c];
            Assert.Equal(finite.Length, cell.Count);
            Assert.Equal(values.Count(double.IsNaN), cell.Missing);
            Assert.Equal(values.Count(double.IsInfinity), cell.NonFinite);
            Assert.Equal(finite.Count(v => v < numeric.Min || v > numeric.Max), cell.OutOfRange);
            Assert.Equal(finite.Min(), cell.Min);
            Assert.Equal(finite.Max(), cell.Max);
            double mean = finite.Average();
            double variance = finite.Sum(v => (v - mean) * (v - mean)) / finite.Length;
            Assert.Equal(mean, cell.Mean, 1e-13 * finite.Max(Math.Abs));
            Assert.Equal(variance, cell.PopulationVariance, variance * 1e-9);

            var edges = numeric.Edges.InteriorEdges.AsSpan();
            var expected = new long[edges.Length + 1];
            foreach (double v in finite)
            {
                expected[BinSearch.Index(edges, v)]++;
            }

            Assert.Equal(expected, window.Bins.AsSpan(layout.BinOffsets[c], edges.Length + 1).ToArray());
        }
    }

    private static int CrowdedCells(GridBinLookup lookup)
    {
        var starts = lookup.CellStarts;
        int crowded = 0;
        for (int k = 0; k + 1 < starts.Length; k++)
        {
            crowded += starts[k + 1] - starts[k] > 1 ? 1 : 0;
        }

        return crowded;
    }

    // Log-normal with a wide spread: the reference's quantile edges crowd near zero.
    private static double Skewed(Random rng) => Math.Exp(3 * NextNormal(rng));

    private static double NextNormal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}

using BenchmarkDotNet.Attributes;
using ModelWatch.Statistics;

namespace ModelWatch.Benchmarks.Statistics;

/// <summary>
/// Merge and query costs: merging two accumulators of 10^5 values each, and quantile / CDF
/// queries on a sketch of 10^6 values (the query view is built once, then each query is a binary
/// search). Baseline: copying the 10-bin counts of a histogram, the cheapest possible "merge".
/// </summary>
public class StatisticsQueryBenchmarks
{
    private Moments _momentsA = null!, _momentsB = null!;
    private Histogram _histogramA = null!, _histogramB = null!;
    private QuantileSketch _sketchA = null!, _sketchB = null!, _big = null!;
    private CategoryCounts _categoriesA = null!, _categoriesB = null!;
    private readonly long[] _counts = new long[11];

    [GlobalSetup]
    public void Setup()
    {
        double[] a = Data.Normal(seed: 3, count: 100_000), b = Data.Normal(seed: 4, count: 100_000, mean: 0.1);
        double[] edges = [-1.5, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 1.5, 2];
        (_momentsA, _momentsB) = (new Moments(), new Moments());
        (_histogramA, _histogramB) = (new Histogram(edges), new Histogram(edges));
        (_sketchA, _sketchB) = (new QuantileSketch(), new QuantileSketch(seed: 9));
        (_categoriesA, _categoriesB) = (new CategoryCounts(), new CategoryCounts());
        for (int i = 0; i < a.Length; i++)
        {
            _momentsA.Add(a[i]);
            _momentsB.Add(b[i]);
            _histogramA.Add(a[i]);
            _histogramB.Add(b[i]);
            _sketchA.Add(a[i]);
            _sketchB.Add(b[i]);
            _categoriesA.Add("c" + (int)(a[i] * 100));
            _categoriesB.Add("c" + (int)(b[i] * 100));
        }

        _big = new QuantileSketch();
        _big.Add(Data.Normal(seed: 5, count: 1_000_000));
        _ = _big.Quantile(0.5); // build the query view outside the measurement
    }

    [Benchmark(Baseline = true)]
    public long Baseline_CopyTenBinCounts()
    {
        _histogramA.Counts.CopyTo(_counts);
        return _counts[0];
    }

    [Benchmark]
    public Moments Moments_Merge()
    {
        var m = _momentsA.Clone();
        m.Merge(_momentsB);
        return m;
    }

    [Benchmark]
    public Histogram Histogram_Merge()
    {
        var h = Histogram.FromSnapshot(_histogramA.ToSnapshot());
        h.Merge(_histogramB);
        return h;
    }

    [Benchmark]
    public QuantileSketch QuantileSketch_Merge()
    {
        var s = _sketchA.Clone();
        s.Merge(_sketchB);
        return s;
    }

    [Benchmark]
    public CategoryCounts CategoryCounts_Merge()
    {
        var c = CategoryCounts.FromSnapshot(_categoriesA.ToSnapshot());
        c.Merge(_categoriesB);
        return c;
    }

    [Benchmark]
    public double QuantileSketch_Quantile() => _big.Quantile(0.37);

    [Benchmark]
    public double QuantileSketch_Cdf() => _big.Cdf(0.37);
}

using BenchmarkDotNet.Attributes;
using ModelWatch.Statistics;

namespace ModelWatch.Benchmarks.Statistics;

/// <summary>
/// Cost of adding one value to each accumulator on its own (ns/op, B/op). Each invocation adds a
/// block of 1,024 pre-generated N(0,1) values; the baseline reads and sums the same block, so the
/// ratio column is the accumulator's cost over the bare loop.
/// </summary>
public class StatisticsAddBenchmarks
{
    private const int Block = 1024;
    private readonly double[] _values = Data.Normal(seed: 1, count: Block);
    private readonly string[] _categories = Enumerable.Range(0, Block).Select(i => "c" + (i * 7919 % 200)).ToArray();
    private Moments _moments = null!;
    private Histogram _histogram = null!;
    private QuantileSketch _sketch = null!;
    private CategoryCounts _categoryCounts = null!;
    private double _sink;

    [GlobalSetup]
    public void Setup()
    {
        _moments = new Moments();
        _histogram = new Histogram([-1.5, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 1.5, 2]);
        _sketch = new QuantileSketch();
        _categoryCounts = new CategoryCounts();

        // Warm the sketch past its growth phase so the measurement is its steady state.
        foreach (double v in Data.Normal(seed: 2, count: 1_000_000))
        {
            _sketch.Add(v);
        }

        foreach (string c in _categories)
        {
            _categoryCounts.Add(c);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Block)]
    public double Baseline_SumOfBlock()
    {
        double sum = 0;
        foreach (double v in _values)
        {
            sum += v;
        }

        _sink = sum;
        return _sink;
    }

    [Benchmark(OperationsPerInvoke = Block)]
    public void Moments_Add()
    {
        foreach (double v in _values)
        {
            _moments.Add(v);
        }
    }

    [Benchmark(OperationsPerInvoke = Block)]
    public void Histogram_Add_10Edges()
    {
        foreach (double v in _values)
        {
            _histogram.Add(v);
        }
    }

    [Benchmark(OperationsPerInvoke = Block)]
    public void QuantileSketch_Add()
    {
        foreach (double v in _values)
        {
            _sketch.Add(v);
        }
    }

    [Benchmark(OperationsPerInvoke = Block)]
    public void CategoryCounts_Add_200Distinct()
    {
        foreach (string c in _categories)
        {
            _categoryCounts.Add(c);
        }
    }
}

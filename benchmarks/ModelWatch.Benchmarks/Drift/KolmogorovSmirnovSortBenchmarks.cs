using BenchmarkDotNet.Attributes;
using ModelWatch.Internal;

namespace ModelWatch.Benchmarks.Drift;

/// <summary>The radix sort behind the KS statistic against Array.Sort, on a copy of 10^6 N(0, 1) values.</summary>
public class KolmogorovSmirnovSortBenchmarks
{
    private double[] _values = [];
    private double[] _copy = [];

    [GlobalSetup]
    public void Setup()
    {
        _values = SeededNormals.Create(5, 1_000_000, 0.0);
        _copy = new double[_values.Length];
    }

    [Benchmark(Baseline = true)]
    public double ArraySort()
    {
        _values.CopyTo(_copy, 0);
        Array.Sort(_copy);
        return _copy[0];
    }

    [Benchmark]
    public double RadixSortDoubles()
    {
        _values.CopyTo(_copy, 0);
        RadixSort.Sort(_copy);
        return _copy[0];
    }
}

using BenchmarkDotNet.Attributes;
using ModelWatch.Drift;

namespace ModelWatch.Benchmarks.Drift;

/// <summary>
/// The exact p-value path: 10^5 vs 10^4 (SciPy 1.10, method='exact': 285 ms) and n = m = 10^4, on
/// reference N(0, 1) against current N(0.05, 1). Baseline: Array.Sort of copies of both samples.
/// </summary>
public class KolmogorovSmirnovExactBenchmarks
{
    private double[] _reference = [];
    private double[] _current = [];
    private double[] _referenceCopy = [];
    private double[] _currentCopy = [];

    /// <summary>Gets or sets the reference size; the current sample has 10^4 values.</summary>
    [Params(10_000, 100_000)]
    public int ReferenceSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _reference = SeededNormals.Create(3, ReferenceSize, 0.0);
        _current = SeededNormals.Create(4, 10_000, 0.05);
        _referenceCopy = new double[_reference.Length];
        _currentCopy = new double[_current.Length];
    }

    [Benchmark(Baseline = true)]
    public double ArraySortBoth()
    {
        _reference.CopyTo(_referenceCopy, 0);
        _current.CopyTo(_currentCopy, 0);
        Array.Sort(_referenceCopy);
        Array.Sort(_currentCopy);
        return _referenceCopy[0] + _currentCopy[0];
    }

    [Benchmark]
    public double TwoSampleExact() => KolmogorovSmirnov.TwoSample(_reference, _current, KsMethod.Exact).PValue;
}

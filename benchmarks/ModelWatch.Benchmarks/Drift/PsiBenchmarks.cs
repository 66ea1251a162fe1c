using BenchmarkDotNet.Attributes;
using ModelWatch.Drift;

namespace ModelWatch.Benchmarks.Drift;

/// <summary>
/// PSI on raw arrays: reference 10^6 N(0,1) vs current 10^5 N(0.05,1). The baseline is what a
/// sort-based implementation (numpy.quantile) must at least pay: sorting a copy of the reference.
/// </summary>
public class PsiBenchmarks
{
    private double[] _reference = [];
    private double[] _current = [];
    private double[] _scratch = [];
    private PsiReference _frozen = null!;

    [GlobalSetup]
    public void Setup()
    {
        _reference = BenchmarkData.Normal(1_000_000, 0, 1);
        _current = BenchmarkData.Normal(100_000, 0.05, 2);
        _scratch = new double[_reference.Length];
        _frozen = PsiReference.FromSample(_reference);
    }

    [Benchmark(Baseline = true)]
    public double SortReferenceCopy()
    {
        _reference.CopyTo(_scratch, 0);
        Array.Sort(_scratch);
        return _scratch[_scratch.Length / 2];
    }

    [Benchmark]
    public double ComputeRaw() => PopulationStabilityIndex.Compute(_reference, _current).Value;

    [Benchmark]
    public int QuantileEdgesOnly() => BinEdges.FromQuantiles(_reference).BinCount;

    [Benchmark]
    public double EvaluateCurrentAgainstFrozenReference() => _frozen.Evaluate(_current).Value;
}

using BenchmarkDotNet.Attributes;
using ModelWatch.Drift;

namespace ModelWatch.Benchmarks.Drift;

/// <summary>
/// Detectors evaluated from profiles (10 bins / 10 categories of counts), the evaluator's per-feature
/// cost when no raw data is kept. Baseline: summing the 10 counts.
/// </summary>
public class ProfileDetectorBenchmarks
{
    private long[] _referenceCounts = [];
    private long[] _currentCounts = [];
    private PsiReference _frozen = null!;

    [GlobalSetup]
    public void Setup()
    {
        double[] reference = BenchmarkData.Normal(100_000, 0, 3);
        double[] current = BenchmarkData.Normal(20_000, 0.1, 4);
        _frozen = PsiReference.FromSample(reference);
        _referenceCounts = [.. _frozen.Counts];
        _currentCounts = new long[_frozen.Edges.BinCount];
        _frozen.Edges.AddCounts(current, _currentCounts);
    }

    [Benchmark(Baseline = true)]
    public long SumCounts()
    {
        long sum = 0;
        foreach (long c in _currentCounts)
        {
            sum += c;
        }

        return sum;
    }

    [Benchmark]
    public double PsiFrozenReference() => _frozen.Evaluate(_currentCounts).Value;

    [Benchmark]
    public double PsiFromCounts() => PopulationStabilityIndex.FromCounts(_referenceCounts, _currentCounts).Value;

    [Benchmark]
    public double JensenShannonFromCounts() => JensenShannon.FromCounts(_referenceCounts, _currentCounts).Distance;

    [Benchmark]
    public double ChiSquaredFromCounts() => ChiSquaredTest.FromCounts(_referenceCounts, _currentCounts).PValue;
}

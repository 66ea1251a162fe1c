using BenchmarkDotNet.Attributes;
using ModelWatch.Drift;

namespace ModelWatch.Benchmarks.Drift;

/// <summary>
/// Cost of one Add per change detector, over a stationary stream (Bernoulli(0.2) for ADWIN and DDM,
/// N(0,1) for Page–Hinkley) of 100,000 values per invocation. Baseline: summing the stream.
/// </summary>
public class ChangeDetectorBenchmarks
{
    private const int Values = 100_000;
    private double[] _bernoulli = [];
    private double[] _normal = [];
    private Adwin _adwin = null!;
    private PageHinkley _pageHinkley = null!;
    private DriftDetectionMethod _ddm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bernoulli = BenchmarkData.Bernoulli(Values, 0.2, 5);
        _normal = BenchmarkData.Normal(Values, 0, 6);
        _adwin = new Adwin();
        _pageHinkley = new PageHinkley();
        _ddm = new DriftDetectionMethod();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Values)]
    public double SumStream()
    {
        double sum = 0;
        foreach (double v in _bernoulli)
        {
            sum += v;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int AdwinAdd()
    {
        var state = ChangeDetectorState.Stable;
        foreach (double v in _bernoulli)
        {
            state = _adwin.Add(v);
        }

        return (int)state;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int PageHinkleyAdd()
    {
        var state = ChangeDetectorState.Stable;
        foreach (double v in _normal)
        {
            state = _pageHinkley.Add(v);
        }

        return (int)state;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int DdmAdd()
    {
        var state = ChangeDetectorState.Stable;
        foreach (double v in _bernoulli)
        {
            state = _ddm.Add(v);
        }

        return (int)state;
    }
}

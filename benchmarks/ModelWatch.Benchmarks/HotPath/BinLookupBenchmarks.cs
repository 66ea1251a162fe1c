using BenchmarkDotNet.Attributes;
using ModelWatch.Drift;
using ModelWatch.Internal;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.HotPath;

/// <summary>
/// Finding a value's bin among a reference's 99 fine edges (quantiles at k/100 of N(0,1)): the
/// grid lookup the logging path uses, against a branch-free binary search.
/// </summary>
public class BinLookupBenchmarks
{
    private const int Values = 1024;
    private readonly double[] _values = Data.Normal(seed: 11, count: Values);
    private double[] _edges = null!;
    private GridBinLookup _grid = null!;

    [GlobalSetup]
    public void Setup()
    {
        _edges = [.. BinEdges.FromQuantiles(Data.Normal(seed: 12, count: 100_000), 100).InteriorEdges];
        _grid = new GridBinLookup(_edges);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Values)]
    public int BinarySearch()
    {
        int sum = 0;
        foreach (double v in _values)
        {
            sum += BinSearch.Index(_edges, v);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int Grid()
    {
        int sum = 0;
        var grid = _grid;
        foreach (double v in _values)
        {
            sum += grid.BinOf(v);
        }

        return sum;
    }
}

using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Estimation;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.HotPath;

/// <summary>
/// The cost of multivariate drift on the logging path: <c>Log</c> of 20 numeric features (whose pairs are
/// correlated, so the PCA keeps a few components and projects on the rest) with and without
/// <c>DetectMultivariateDrift</c>, in the same run. The difference is the per-row reconstruction error.
/// </summary>
public class MultivariateLogBenchmarks
{
    private const int Calls = 1024;
    private const int ReferenceRows = 20_000;

    private double[][] _rows = null!;
    private IModelMonitor _plain = null!;
    private IModelMonitor _multivariate = null!;
    private ServiceProvider _services = null!;

    [Params(10, 20)]
    public int Features { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var names = Enumerable.Range(0, Features).Select(i => "f" + i).ToArray();
        double[][] reference = Rows(ReferenceRows, seed: 8);
        _rows = Rows(Calls, seed: 7);
        var builder = new ReferenceProfileBuilder(new ModelSchema(names));
        foreach (var row in reference)
        {
            builder.Add(row, 0.5);
        }

        var profile = builder.Build();
        var detector = ReconstructionDrift.Fit(reference, [.. reference.Select(_ => Array.Empty<string?>())], new ReconstructionDriftOptions());
        var services = new ServiceCollection();
        services.AddModelWatch()
            .AddModel("plain", m => m.Numeric(names).Reference(profile))
            .AddModel("multivariate", m => m.Numeric(names).Reference(profile).DetectMultivariateDrift(detector));
        _services = services.BuildServiceProvider();
        var watch = _services.GetRequiredService<IModelWatch>();
        _plain = watch.GetMonitor("plain");
        _multivariate = watch.GetMonitor("multivariate");
        for (int i = 0; i < 10_000; i++)
        {
            Log();
            LogWithMultivariateDrift();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public void Log()
    {
        foreach (var row in _rows)
        {
            _plain.Log(row, 0.5);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void LogWithMultivariateDrift()
    {
        foreach (var row in _rows)
        {
            _multivariate.Log(row, 0.5);
        }
    }

    /// <summary>Pairs of features share a latent value (f1 follows f0, f3 follows f2, …).</summary>
    private double[][] Rows(int n, ulong seed)
    {
        var normals = Data.Normal(seed, n * Features);
        var rows = new double[n][];
        for (int r = 0; r < n; r++)
        {
            rows[r] = new double[Features];
            for (int f = 0; f < Features; f++)
            {
                double own = normals[(r * Features) + f];
                rows[r][f] = f % 2 == 1 ? rows[r][f - 1] + (0.5 * own) : own;
            }
        }

        return rows;
    }
}

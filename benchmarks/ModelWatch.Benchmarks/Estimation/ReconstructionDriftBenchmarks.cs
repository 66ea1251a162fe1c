using BenchmarkDotNet.Attributes;
using ModelWatch.Benchmarks.Drift;
using ModelWatch.Estimation;

namespace ModelWatch.Benchmarks.Estimation;

/// <summary>
/// PCA reconstruction drift with 20 numeric features driven by 3 latent factors plus noise: the fit on
/// 10^5 reference rows (imputation, scaling, covariance, eigendecomposition, reference-chunk errors) and
/// the reconstruction error of one standardised row, the cost a per-prediction hot path would pay.
/// </summary>
public class ReconstructionDriftBenchmarks
{
    private const int Features = 20;
    private const int Factors = 3;

    private double[][] _reference = [];
    private ReconstructionDrift _drift = null!;
    private double[] _row = [];
    private double[] _scratch = [];

    [GlobalSetup]
    public void Setup()
    {
        _reference = Rows(100_000, seed: 3);
        _drift = ReconstructionDrift.Fit(_reference, [], new ReconstructionDriftOptions());
        _row = new double[Features];
        _scratch = new double[Features];
        _drift.Encoder.Encode(_reference[0], [], _row);
    }

    [Benchmark]
    public int FitOn100kBy20() => ReconstructionDrift.Fit(_reference, [], new ReconstructionDriftOptions()).ComponentCount;

    [Benchmark]
    public double ReconstructionErrorPerRow() => _drift.Subspace.ReconstructionError(_row, _scratch);

    private static double[][] Rows(int n, ulong seed)
    {
        double[][] factors = [.. Enumerable.Range(0, Factors).Select(f => BenchmarkData.Normal(n, 0, seed + (ulong)f))];
        double[][] noise = [.. Enumerable.Range(0, Features).Select(j => BenchmarkData.Normal(n, 0, seed + 100 + (ulong)j))];
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new double[Features];
            for (int j = 0; j < Features; j++)
            {
                rows[i][j] = factors[j % Factors][i] + (0.5 * noise[j][i]);
            }
        }

        return rows;
    }
}

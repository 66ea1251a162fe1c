using BenchmarkDotNet.Attributes;
using ModelWatch.Benchmarks.Drift;
using ModelWatch.Estimation;

namespace ModelWatch.Benchmarks.Estimation;

/// <summary>
/// CBPE on a binary model: the estimate of one window of 10^4 predictions (all eleven metrics, calibrated),
/// and the isotonic calibrator fitted on 10^5 reference rows. Scores are logistic of N(0,1)·2; labels
/// are drawn from the scores, so the model is calibrated up to the noise of the draw.
/// </summary>
public class CbpeBenchmarks
{
    private const int ReferenceRows = 100_000;
    private const int WindowRows = 10_000;

    private double[] _referenceScores = [];
    private int[] _referenceLabels = [];
    private int[] _referenceRows = [];
    private double[] _windowScores = [];
    private int[] _windowPredictions = [];
    private Cbpe _cbpe = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_referenceScores, int[] predictions, _referenceLabels) = Binary(ReferenceRows, seed: 1);
        (_windowScores, _windowPredictions, _) = Binary(WindowRows, seed: 2);
        _referenceRows = [.. Enumerable.Range(0, ReferenceRows)];
        _cbpe = Cbpe.Fit(
            CbpeReference.Binary(_referenceScores, predictions, _referenceLabels),
            new CbpeOptions { Calibration = CbpeCalibration.Always, Chunking = Chunking.BySize(WindowRows) });
    }

    [Benchmark]
    public int EstimateWindowOf10k() => _cbpe.Estimate(_windowScores, _windowPredictions).Count;

    [Benchmark]
    public int IsotonicFitOn100k() => IsotonicCalibrator.Fit(_referenceScores, _referenceLabels, _referenceRows).KnotsX.Count;

    internal static (double[] Scores, int[] Predictions, int[] Labels) Binary(int n, ulong seed)
    {
        double[] z = BenchmarkData.Normal(n, 0, seed);
        double[] u = BenchmarkData.Uniform(n, seed + 100);
        var scores = new double[n];
        var predictions = new int[n];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = 1 / (1 + Math.Exp(-2 * z[i]));
            predictions[i] = scores[i] >= 0.5 ? 1 : 0;
            labels[i] = u[i] < scores[i] ? 1 : 0;
        }

        return (scores, predictions, labels);
    }
}

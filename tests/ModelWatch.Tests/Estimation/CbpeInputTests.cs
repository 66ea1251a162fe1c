using ModelWatch.Estimation;

namespace ModelWatch.Tests.Estimation;

/// <summary>Argument checks of the batch entry points, and the seeded <see cref="CbpeCalibration.Auto"/> split.</summary>
public sealed class CbpeInputTests
{
    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8, 0.7, 0.2, 0.9, 0.6, 0.3, 0.55, 0.45, 0.65];
    private static readonly int[] Predictions = [0, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1];
    private static readonly int[] Labels = [0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1];

    [Fact]
    public void Binary_LengthsDiffer_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => CbpeReference.Binary(Scores, Predictions[..5], Labels));
        Assert.Contains("lengths differ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_EmptyOrOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => CbpeReference.Binary([], [], []));
        Assert.Throws<ArgumentException>(() => CbpeReference.Binary([1.5], [1], [1]));
        Assert.Throws<ArgumentException>(() => CbpeReference.Binary([double.NaN], [1], [1]));
        var e = Assert.Throws<ArgumentException>(() => CbpeReference.Binary([0.5], [1], [2]));
        Assert.Equal("labels", e.ParamName);
    }

    [Fact]
    public void Multiclass_RowOfWrongWidth_Throws()
    {
        double[][] probabilities = [[0.2, 0.3, 0.5], [0.5, 0.5], [0.1, 0.1, 0.8]];

        var e = Assert.Throws<ArgumentException>(() => CbpeReference.Multiclass(probabilities, [2, 0, 2], [2, 0, 1]));

        Assert.Contains("Row 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multiclass_ClassMissingFromLabels_Throws()
    {
        double[][] probabilities = [[0.2, 0.3, 0.5], [0.5, 0.4, 0.1]];

        var e = Assert.Throws<ArgumentException>(() => CbpeReference.Multiclass(probabilities, [2, 0], [2, 0]));

        Assert.Contains("Class 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_BinaryOnlyMetricForMulticlass_Throws()
    {
        double[][] probabilities = [[0.2, 0.3, 0.5], [0.5, 0.4, 0.1], [0.1, 0.8, 0.1]];
        var reference = CbpeReference.Multiclass(probabilities, [2, 0, 1], [2, 0, 1]);

        Assert.Throws<ArgumentException>(() => Cbpe.Fit(reference, new CbpeOptions { Metrics = [CbpeMetric.TruePositive], Chunking = Chunking.BySize(1) }));
    }

    [Fact]
    public void Fit_SplitRowOutOfRange_Throws()
    {
        var options = new CbpeOptions { SplitTestIndices = [[0, 99]], Chunking = Chunking.BySize(4) };

        Assert.Throws<ArgumentException>(() => Cbpe.Fit(CbpeReference.Binary(Scores, Predictions, Labels), options));
    }

    [Fact]
    public void Estimate_WrongShape_Throws()
    {
        var cbpe = Cbpe.Fit(CbpeReference.Binary(Scores, Predictions, Labels), new CbpeOptions { Chunking = Chunking.BySize(4) });

        Assert.Throws<InvalidOperationException>(() => cbpe.Estimate([[0.5, 0.5]], [0]));
        Assert.Throws<ArgumentException>(() => cbpe.Estimate([0.5, 0.2], [1]));
    }

    [Fact]
    public void Auto_WithoutSplits_IsDeterministic()
    {
        var reference = CbpeReference.Binary(Scores, Predictions, Labels);
        var options = new CbpeOptions { Chunking = Chunking.BySize(4) };

        var first = Cbpe.Fit(reference, options);
        var second = Cbpe.Fit(reference, options);

        Assert.Equal(first.Calibrated, second.Calibrated);
        Assert.Equal(first.Estimate(Scores, Predictions)[0].Metrics[CbpeMetric.F1].Value, second.Estimate(Scores, Predictions)[0].Metrics[CbpeMetric.F1].Value);
    }

    [Fact]
    public void SeededSplits_AreStratifiedTenthsOfTheRows()
    {
        int[] labels = [.. Enumerable.Range(0, 1000).Select(i => i % 10 < 3 ? 1 : 0)];

        int[][] folds = SeededStratifiedSplits.Create(labels);

        Assert.Equal(10, folds.Length);
        Assert.All(folds, fold =>
        {
            Assert.Equal(100, fold.Length);
            Assert.Equal(100, fold.Distinct().Count());
            Assert.Equal(30, fold.Count(row => labels[row] == 1));
        });
    }

    [Fact]
    public void Isotonic_PoolsViolatorsAndInterpolates()
    {
        double[] x = [0.1, 0.2, 0.3, 0.4];
        int[] y = [0, 1, 0, 1];

        var calibrator = IsotonicCalibrator.Fit(x, y, [0, 1, 2, 3]);

        // 0.2 and 0.3 pool to ½; between knots the map is linear; outside the range it is clipped.
        Assert.Equal([0.1, 0.2, 0.3, 0.4], calibrator.KnotsX);
        Assert.Equal([0.0, 0.5, 0.5, 1.0], calibrator.KnotsY);
        Assert.Equal(0.25, calibrator.Predict(0.15), 15);
        Assert.Equal(0.0, calibrator.Predict(-3));
        Assert.Equal(1.0, calibrator.Predict(7));
    }

    [Fact]
    public void Isotonic_ScoresCloserThanResolution_AreOnePoint()
    {
        double[] x = [0.5, 0.5 + 1e-16, 0.9];
        int[] y = [0, 1, 1];

        var calibrator = IsotonicCalibrator.Fit(x, y, [0, 1, 2]);

        Assert.Equal([0.5, 0.9], calibrator.KnotsX);
        Assert.Equal([0.5, 1.0], calibrator.KnotsY);
    }

    [Fact]
    public void ReconstructionDrift_InvalidInput_Throws()
    {
        double[][] numeric = [[1, 2], [2, 1], [3, 5]];
        var options = new ReconstructionDriftOptions { Chunking = Chunking.BySize(1) };

        Assert.Throws<ArgumentException>(() => ReconstructionDrift.Fit([], [], options));
        Assert.Throws<ArgumentException>(() => ReconstructionDrift.Fit(numeric, [["a"], ["b"]], options));
        Assert.Throws<ArgumentException>(() => ReconstructionDrift.Fit([[1, double.PositiveInfinity], [2, 1]], [], options));
        Assert.Throws<ArgumentException>(() => ReconstructionDrift.Fit([[double.NaN, 1], [double.NaN, 2]], [], options));
        Assert.Throws<ArgumentException>(() => ReconstructionDrift.Fit(numeric, [], new ReconstructionDriftOptions { VarianceToKeep = 1 }));

        var drift = ReconstructionDrift.Fit(numeric, [], options);
        Assert.Throws<ArgumentException>(() => drift.Evaluate([[1, 2, 3]], []));
    }
}

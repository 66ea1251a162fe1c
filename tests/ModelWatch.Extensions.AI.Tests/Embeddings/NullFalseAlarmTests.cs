using ModelWatch.Extensions.AI.Embeddings;

namespace ModelWatch.Extensions.AI.Tests.Embeddings;

/// <summary>
/// Under no drift (both sides drawn from one distribution of unit-norm 32-dimension vectors, as
/// sentence embeddings are), 200 seeded pairs of 200 rows a side: how often does each method's
/// default threshold call drift?
/// </summary>
public class NullFalseAlarmTests
{
    private const int Pairs = 200;
    private const int Rows = 200;
    private const int Dimension = 32;

    [Fact]
    public void MeanVectorDistanceAndMmd_NoDrift_FalseAlarmsAtMostFivePercent()
    {
        var random = new Random(1);
        var center = new double[Dimension];
        for (int d = 0; d < Dimension; d++)
        {
            center[d] = Gauss(random);
        }

        int meanAlarms = 0, mmdAlarms = 0;
        for (int pair = 0; pair < Pairs; pair++)
        {
            var a = UnitRows(random, center);
            var b = UnitRows(random, center);
            double distance = EmbeddingDriftMethods.Euclidean(EmbeddingDriftMethods.Mean(a, Rows, Dimension), EmbeddingDriftMethods.Mean(b, Rows, Dimension));
            meanAlarms += distance > 0.2 ? 1 : 0;                                                   // Evidently's default threshold
            mmdAlarms += EmbeddingDriftMethods.Mmd2(a, Rows, b, Rows, Dimension).Mmd2 > 0.015 ? 1 : 0; // Evidently's default threshold
        }

        Assert.True(meanAlarms <= Pairs * 0.05, $"mean-vector distance: {meanAlarms} false alarms in {Pairs}");
        Assert.True(mmdAlarms <= Pairs * 0.05, $"MMD²: {mmdAlarms} false alarms in {Pairs}");
    }

    [Fact]
    public void SampleSizeAwareDecisions_NoDrift_FalseAlarmsAtMostFivePercent()
    {
        var random = new Random(2);
        var center = new double[Dimension];
        for (int d = 0; d < Dimension; d++)
        {
            center[d] = Gauss(random);
        }

        int shareAlarms = 0, shareAlarmsAtEvidently = 0, classifierAlarms = 0, classifierAlarmsAtEvidently = 0, mmdPermutationAlarms = 0;
        for (int pair = 0; pair < Pairs; pair++)
        {
            var a = UnitRows(random, center);
            var b = UnitRows(random, center);

            var distances = EmbeddingDriftMethods.NormalizedWasserstein(a, Rows, b, Rows, Dimension);
            var thresholds = ComponentNullThresholds.Compute(a, Rows, b, Rows, Dimension, permutations: 200, quantile: 0.95, seed: pair);
            shareAlarms += ComponentNullThresholds.DriftedShare(distances, thresholds) > 0.2 ? 1 : 0;
            shareAlarmsAtEvidently += distances.Count(x => x > 0.1) > 0.2 * Dimension ? 1 : 0;

            var (auc, nullQuantile) = DomainClassifier.Evaluate(a, Rows, b, Rows, Dimension, quantile: 0.95, shuffles: 1000, seed: pair);
            classifierAlarms += auc > Math.Max(0.55, nullQuantile) ? 1 : 0;
            classifierAlarmsAtEvidently += auc > 0.55 ? 1 : 0;

            mmdPermutationAlarms += MmdPermutationTest.Run(a, Rows, b, Rows, Dimension, permutations: 99, seed: pair).PValue < 0.05 ? 1 : 0;
        }

        // The fixed thresholds' figures at these sizes, the reason for the sample-size-aware ones (docs/genai.md).
        Console.WriteLine($"null false alarms in {Pairs}: share {shareAlarms} (0.1 fixed: {shareAlarmsAtEvidently}), classifier {classifierAlarms} (0.55 fixed: {classifierAlarmsAtEvidently}), MMD² permutation {mmdPermutationAlarms}");
        Assert.True(shareAlarms <= Pairs * 0.05, $"share of drifted components: {shareAlarms} false alarms in {Pairs}");
        Assert.True(classifierAlarms <= Pairs * 0.05, $"domain classifier: {classifierAlarms} false alarms in {Pairs}");

        // The permutation p-value is an exact test: under no drift P(p < 0.05) = 4/100 with 99 permutations, so its
        // count over 200 pairs is Binomial(200, 0.04) (mean 8, sd 2.8; 11 measured) and is held to that law's
        // 99.9th percentile (18), not to the 5 % the thresholded methods above meet with room.
        Assert.True(mmdPermutationAlarms <= 18, $"MMD² permutation p-value: {mmdPermutationAlarms} false alarms in {Pairs}");
    }

    private static float[] UnitRows(Random random, double[] center)
    {
        var rows = new float[Rows * Dimension];
        var v = new double[Dimension];
        for (int i = 0; i < Rows; i++)
        {
            double norm = 0;
            for (int d = 0; d < Dimension; d++)
            {
                v[d] = center[d] + Gauss(random);
                norm += v[d] * v[d];
            }

            norm = Math.Sqrt(norm);
            for (int d = 0; d < Dimension; d++)
            {
                rows[(i * Dimension) + d] = (float)(v[d] / norm);
            }
        }

        return rows;
    }

    // Box–Muller: seeded standard normal draws.
    private static double Gauss(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}

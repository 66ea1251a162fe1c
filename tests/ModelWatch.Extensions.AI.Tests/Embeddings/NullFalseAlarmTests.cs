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

using ModelWatch.Extensions.AI.Embeddings;

namespace ModelWatch.Extensions.AI.Tests.Embeddings;

public class RandomProjectionTests
{
    // The stated error (RandomProjection, docs/genai.md): for a fixed vector, ‖Rv‖/‖v‖ lies in [0.78, 1.21]
    // with probability 0.98 over the seed at k = 64 (χ²₆₄ / 64 between its 1st and 99th percentiles).
    [Fact]
    public void Project_384To64_KeepsALengthWithinTheStatedBandForNinetyEightPercentOfSeeds()
    {
        const int Seeds = 500;
        var random = new Random(7);
        var v = new float[384];
        double norm = 0;
        for (int d = 0; d < v.Length; d++)
        {
            v[d] = (float)(random.NextDouble() - 0.5);
            norm += (double)v[d] * v[d];
        }

        norm = Math.Sqrt(norm);
        int inside = 0;
        double meanSquaredRatio = 0;
        Span<double> projected = stackalloc double[64];
        for (int seed = 0; seed < Seeds; seed++)
        {
            new RandomProjection(384, 64, (ulong)seed).Project(v, projected);
            double length = 0;
            foreach (double p in projected)
            {
                length += p * p;
            }

            double ratio = Math.Sqrt(length) / norm;
            inside += ratio is >= 0.78 and <= 1.21 ? 1 : 0;
            meanSquaredRatio += ratio * ratio / Seeds;
        }

        // 98 % expected; 96 % is three binomial standard deviations (0.6 % each at 500 seeds) below.
        Assert.True(inside >= 0.96 * Seeds, $"{inside} of {Seeds} inside [0.78, 1.21]");
        Assert.Equal(1.0, meanSquaredRatio, 0.03); // E‖Rv‖² = ‖v‖²; sd of the mean √(2/64/500) ≈ 0.008
    }

    [Fact]
    public void Project_VectorNoLongerThanTheComponents_IsKeptAsItIs()
    {
        var projection = new RandomProjection(3, 64, 1);
        Span<double> projected = stackalloc double[3];

        projection.Project([0.5f, -1f, 2f], projected);

        Assert.Equal(3, projection.Components);
        Assert.Equal([0.5, -1, 2], projected.ToArray());
        Assert.Equal(0, projection.Bytes);
    }

    [Fact]
    public void Project_SameSeed_SameComponents()
    {
        var v = Enumerable.Range(0, 100).Select(i => (float)Math.Sin(i)).ToArray();
        var a = new double[64];
        var b = new double[64];

        new RandomProjection(100, 64, 19).Project(v, a);
        new RandomProjection(100, 64, 19).Project(v, b);

        Assert.Equal(a, b);
    }
}

using ModelWatch.Extensions.AI.Embeddings;

namespace ModelWatch.Extensions.AI.Tests.Embeddings;

public class VectorReservoirTests
{
    [Fact]
    public void Offer_LongStream_KeepsAUniformSampleOfFixedSize()
    {
        var reservoir = new VectorReservoir(1_000, 1, 5);
        for (int i = 0; i < 100_000; i++)
        {
            reservoir.Offer([i]);
        }

        Assert.Equal(1_000, reservoir.Count);
        Assert.Equal(100_000, reservoir.Seen);
        // Uniform over 0..99,999: mean 49,999.5, sd of a 1,000-row mean ≈ 913; a quarter of the rows in each quarter.
        double mean = 0;
        var quarters = new int[4];
        foreach (float x in reservoir.Rows)
        {
            mean += x / 1_000;
            quarters[(int)(x / 25_000)]++;
        }

        Assert.InRange(mean, 47_000, 53_000);
        Assert.All(quarters, q => Assert.InRange(q, 200, 300));
    }

    [Fact]
    public void Clear_SameStreamAgain_SameSample()
    {
        var reservoir = new VectorReservoir(10, 2, 3);
        Fill(reservoir);
        var first = reservoir.Rows.ToArray();

        reservoir.Clear();
        Fill(reservoir);

        Assert.Equal(first, reservoir.Rows.ToArray());

        static void Fill(VectorReservoir r)
        {
            for (int i = 0; i < 500; i++)
            {
                r.Offer([i, -i]);
            }
        }
    }

    [Fact]
    public void MergeFrom_TwoStreams_SampleOfTheUnionInProportion()
    {
        var a = new VectorReservoir(1_000, 1, 1);
        var b = new VectorReservoir(1_000, 1, 2);
        for (int i = 0; i < 30_000; i++)
        {
            a.Offer([0f]);
        }

        for (int i = 0; i < 10_000; i++)
        {
            b.Offer([1f]);
        }

        var merged = new VectorReservoir(1_000, 1, 3);
        merged.MergeFrom(a, b);

        Assert.Equal(40_000, merged.Seen);
        Assert.Equal(1_000, merged.Count);
        // A quarter of the union comes from b: 250 expected, sd ≈ 12 (hypergeometric).
        Assert.InRange(merged.Rows.ToArray().Count(x => x == 1f), 200, 300);
    }

    [Fact]
    public void MergeFrom_SmallStreams_KeepsEveryRow()
    {
        var a = new VectorReservoir(10, 1, 1);
        var b = new VectorReservoir(10, 1, 2);
        a.Offer([1f]);
        a.Offer([2f]);
        b.Offer([3f]);

        var merged = new VectorReservoir(10, 1, 3);
        merged.MergeFrom(a, b);

        Assert.Equal([1f, 2f, 3f], merged.Rows.ToArray().Order());
    }
}

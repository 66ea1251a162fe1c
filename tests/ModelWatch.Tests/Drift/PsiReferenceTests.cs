using ModelWatch.Drift;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Drift;

public sealed class PsiReferenceTests
{
    public static TheoryData<string, int> Samples() => new()
    {
        { "normal", 10 },
        { "normal", 100 },
        { "ties", 10 },
        { "ties", 100 },
        { "nan", 10 },
        { "heavy", 20 },
        { "constant-block", 10 },
    };

    private static double[] Sample(string kind, int n)
    {
        var rng = new SplitMix64((ulong)kind.Length * 7919 + (ulong)n);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextUniform();
            values[i] = kind switch
            {
                "normal" => rng.NextNormal(),
                "ties" => Math.Floor(u * 12),
                "nan" => i % 17 == 0 ? double.NaN : rng.NextNormal(),
                "heavy" => (u < 0.5 ? -1 : 1) / (1e-9 + rng.NextUniform()),
                "constant-block" => u < 0.6 ? 3.0 : rng.NextNormal(),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
        }

        return values;
    }

    // FromSample counts the reference during the quantile selection's own pass (large samples take
    // the sampling path); the counts must equal a separate binning over the same edges.
    [Theory]
    [MemberData(nameof(Samples))]
    public void FromSample_LargeSample_CountsEqualSeparateBinning(string kind, int bins)
    {
        foreach (int n in new[] { 1_000, 40_000, 250_000 })
        {
            double[] data = Sample(kind, n);
            var reference = PsiReference.FromSample(data, bins);
            var separate = PsiReference.FromBinnedSample(reference.Edges, data);
            Assert.True(separate.Counts.SequenceEqual(reference.Counts), $"n = {n}: separate [{string.Join(",", separate.Counts)}] vs one pass [{string.Join(",", reference.Counts)}]");
            Assert.Equal(separate.MissingCount, reference.MissingCount);
            Assert.Equal(BinEdges.FromQuantiles(data, bins).InteriorEdges.ToArray(), reference.Edges.InteriorEdges.ToArray());
        }
    }
}

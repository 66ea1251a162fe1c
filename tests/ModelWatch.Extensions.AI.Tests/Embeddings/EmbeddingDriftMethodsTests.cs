using System.Text.Json;
using ModelWatch.Extensions.AI.Embeddings;

namespace ModelWatch.Extensions.AI.Tests.Embeddings;

public class EmbeddingDriftMethodsTests
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    public static TheoryData<string> Cases => ["same-topic", "topic-shift", "small-anisotropic"];

    private static OracleCase Load(string name)
    {
        var file = JsonSerializer.Deserialize<OracleFile>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Oracles", "embedding_drift.json")), s_json)!;
        return file.Cases.Single(c => c.Name == name);
    }

    // Tolerances: MMD² and the Wasserstein distances to 1e-9 absolute (the figure; both are sums
    // of a few hundred thousand double terms, different summation orders differ by ~1e-13); the means to 1e-12.
    [Theory]
    [MemberData(nameof(Cases))]
    public void NormalizedWasserstein_MatchesSciPy(string name)
    {
        var c = Load(name);

        var w = EmbeddingDriftMethods.NormalizedWasserstein(c.Reference, c.ReferenceRows, c.Current, c.CurrentRows, c.Dimension);

        for (int d = 0; d < c.Dimension; d++)
        {
            Assert.Equal(c.NormalizedWasserstein[d], w[d], 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MeanVectorDistance_MatchesNumPy(string name)
    {
        var c = Load(name);

        var a = EmbeddingDriftMethods.Mean(c.Reference, c.ReferenceRows, c.Dimension);
        var b = EmbeddingDriftMethods.Mean(c.Current, c.CurrentRows, c.Dimension);

        Assert.Equal(c.MeanEuclidean, EmbeddingDriftMethods.Euclidean(a, b), 1e-12);
        Assert.Equal(c.MeanCosine, EmbeddingDriftMethods.Cosine(a, b), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mmd2_MatchesNumPyAndSciPy(string name)
    {
        var c = Load(name);

        var (mmd2, sigma) = EmbeddingDriftMethods.Mmd2(c.Reference, c.ReferenceRows, c.Current, c.CurrentRows, c.Dimension);

        Assert.Equal(c.Sigma, sigma, 1e-12);
        Assert.Equal(c.Mmd2, mmd2, 1e-9);
    }

    // The AUC is a rank statistic of the fitted scores: both fits converge to the same optimum
    // (Newton steps to 1e-12 here, newton-cholesky with tol 1e-12 there), so the ranks, and the AUC, agree
    // unless two held-out scores lie within the solvers' difference; 1e-6 leaves room for one such swap only in
    // the largest case (1 / (150 · 125) ≈ 5e-5 would be one swapped pair, so 1e-6 means none).
    [Theory]
    [MemberData(nameof(Cases))]
    public void DomainClassifier_AucMatchesScikitLearn(string name)
    {
        var c = Load(name);

        double auc = DomainClassifier.RocAuc(c.Reference, c.ReferenceRows, c.Current, c.CurrentRows, c.Dimension);

        Assert.Equal(c.ClassifierAuc, auc, 1e-6);
    }

    [Fact]
    public void Wasserstein1_HandWorked()
    {
        // Two points each: CDFs differ by 1/2 on [0, 1) and on [2, 3): area 1.
        Assert.Equal(1.0, EmbeddingDriftMethods.Wasserstein1([0, 2], [1, 3]), 15);
        Assert.Equal(0.0, EmbeddingDriftMethods.Wasserstein1([5, 5, 5], [5]), 15);
    }

    private sealed class OracleFile
    {
        public string Provenance { get; set; } = "";

        public List<OracleCase> Cases { get; set; } = [];
    }

    private sealed class OracleCase
    {
        public string Name { get; set; } = "";

        public int Dimension { get; set; }

        public float[] Reference { get; set; } = [];

        public int ReferenceRows { get; set; }

        public float[] Current { get; set; } = [];

        public int CurrentRows { get; set; }

        public double[] NormalizedWasserstein { get; set; } = [];

        public double MeanEuclidean { get; set; }

        public double MeanCosine { get; set; }

        public double Mmd2 { get; set; }

        public double Sigma { get; set; }

        public double ClassifierAuc { get; set; }
    }
}

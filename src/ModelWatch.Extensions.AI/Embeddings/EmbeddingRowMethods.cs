using ModelWatch.Extensions.AI.Embeddings;

namespace ModelWatch.Extensions.AI;

/// <summary>Runs the row-based methods (mean-vector distance, MMD², domain classifier) on a window against the reference.</summary>
internal static class EmbeddingRowMethods
{
    /// <summary>Rows a side below which a window is reported without statistics (the classifier trains and tests on half of each).</summary>
    public const int MinimumRows = 20;

    private const int ClassifierShuffles = 1_000;

    public static EmbeddingDriftReport Evaluate(string modelName, EmbeddingSide reference, EmbeddingSide current, int dimension, ModelWatchEmbeddingOptions options, DateTimeOffset at)
    {
        int m = reference.Sample.Count, n = current.Sample.Count;
        if (m < MinimumRows || n < MinimumRows)
        {
            return new EmbeddingDriftReport
            {
                ModelName = modelName, EvaluatedAt = at, ReferenceVectors = reference.Count, CurrentVectors = current.Count, SampledRows = (m, n),
            };
        }

        var a = reference.Mean();
        var b = current.Mean();
        double distance = options.MeanDistance == EmbeddingDistance.Cosine ? EmbeddingDriftMethods.Cosine(a, b) : EmbeddingDriftMethods.Euclidean(a, b);

        double mmd2, sigma, pValue = double.NaN;
        if (options.MmdPermutations > 0)
        {
            (mmd2, sigma, pValue) = MmdPermutationTest.Run(reference.Sample.Rows, m, current.Sample.Rows, n, dimension, options.MmdPermutations, options.Seed);
        }
        else
        {
            (mmd2, sigma) = EmbeddingDriftMethods.Mmd2(reference.Sample.Rows, m, current.Sample.Rows, n, dimension);
        }

        var (auc, nullQuantile) = DomainClassifier.Evaluate(reference.Sample.Rows, m, current.Sample.Rows, n, dimension, 0.95, ClassifierShuffles, options.Seed);
        double aucThreshold = Math.Max(options.ClassifierThreshold, nullQuantile);
        return new EmbeddingDriftReport
        {
            ModelName = modelName,
            EvaluatedAt = at,
            ReferenceVectors = reference.Count,
            CurrentVectors = current.Count,
            SampledRows = (m, n),
            IsEvaluated = true,
            MeanDistance = distance,
            IsMeanDistanceDrift = distance > options.MeanDistanceThreshold,
            Mmd2 = mmd2,
            MmdBandwidth = sigma,
            MmdPValue = pValue,
            IsMmdDrift = options.MmdPermutations > 0 ? pValue < options.MmdPValueThreshold : mmd2 > options.MmdThreshold,
            ClassifierAuc = auc,
            ClassifierThreshold = aucThreshold,
            IsClassifierDrift = auc > aucThreshold,
        };
    }
}

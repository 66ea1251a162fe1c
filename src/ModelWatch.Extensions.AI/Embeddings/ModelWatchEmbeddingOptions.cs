using System.Globalization;
using ModelWatch.Monitoring;

namespace ModelWatch.Extensions.AI;

/// <summary>How an embedding model is watched: projection, samples, reference and the thresholds of the drift methods (Evidently's defaults).</summary>
public sealed class ModelWatchEmbeddingOptions
{
    /// <summary>The most components the per-component sketches keep (a seeded random projection when the vectors are longer): 64.</summary>
    public const int DefaultProjectedComponents = 64;

    /// <summary>Gets or sets the vectors' length; for <c>EmbeddingGeneratorBuilder.UseModelWatch</c>, null takes the generator's <c>EmbeddingGeneratorMetadata.DefaultModelDimensions</c>.</summary>
    public int? Dimensions { get; set; }

    /// <summary>Gets or sets how many components the per-component sketches keep, 1–64 (default 64); vectors no longer are kept as they are.</summary>
    public int ProjectedComponents { get; set; } = DefaultProjectedComponents;

    /// <summary>Gets or sets how many of the first vectors form the reference (default 1,000).</summary>
    public int ReferenceSize { get; set; } = 1_000;

    /// <summary>Gets or sets the rows sampled per side for MMD² and the domain classifier (a seeded reservoir; default 1,000, Evidently's bound).</summary>
    public int SampleSize { get; set; } = 1_000;

    /// <summary>Gets or sets the seed of the projection, the reservoirs and the permutation nulls (default 19).</summary>
    public int Seed { get; set; } = 19;

    /// <summary>Gets or sets the distance between mean vectors (default Euclidean).</summary>
    public EmbeddingDistance MeanDistance { get; set; } = EmbeddingDistance.Euclidean;

    /// <summary>Gets or sets the mean-vector distance above which the window drifts (default 0.2).</summary>
    public double MeanDistanceThreshold { get; set; } = 0.2;

    /// <summary>Gets or sets the MMD² above which the window drifts (default 0.015).</summary>
    public double MmdThreshold { get; set; } = 0.015;

    /// <summary>Gets or sets the permutations of the MMD² p-value; 0 (default) computes none. When set, MMD² drifts when the p-value is below <see cref="MmdPValueThreshold"/>.</summary>
    public int MmdPermutations { get; set; }

    /// <summary>Gets or sets the level of the MMD² permutation test (default 0.05).</summary>
    public double MmdPValueThreshold { get; set; } = 0.05;

    /// <summary>Gets or sets the domain classifier's ROC AUC floor (default 0.55); the threshold is the larger of this and the 95th percentile of the AUC under random relabellings.</summary>
    public double ClassifierThreshold { get; set; } = 0.55;

    /// <summary>Gets or sets the share of projected components at or above which the window drifts (default 0.2; the ModelWatch model's <c>DatasetDriftShare</c>).</summary>
    public double ComponentDriftShare { get; set; } = 0.2;

    /// <summary>Gets or sets changes to the ModelWatch model declared for the projected components (windows, alerts…).</summary>
    public Action<ModelBuilder>? ConfigureModel { get; set; }

    internal void Validate(string caller, string modelName, int? dimensions)
    {
        var errors = new List<string>();
        if (dimensions is not > 0)
        {
            errors.Add("The vectors' length is unknown: set Dimensions (the generator reports no DefaultModelDimensions) to a positive number.");
        }

        Check(ProjectedComponents is >= 1 and <= DefaultProjectedComponents, $"ProjectedComponents is {ProjectedComponents}; it must be 1–64.");
        Check(ReferenceSize >= 2, $"ReferenceSize is {ReferenceSize}; it must be at least 2.");
        Check(SampleSize is >= 4 and <= 10_000, $"SampleSize is {SampleSize}; it must be 4–10,000 (MMD² keeps a (2·SampleSize)² matrix).");
        Check(MeanDistanceThreshold > 0 && double.IsFinite(MeanDistanceThreshold), $"MeanDistanceThreshold is {MeanDistanceThreshold}; it must be positive.");
        Check(MmdThreshold > 0 && double.IsFinite(MmdThreshold), $"MmdThreshold is {MmdThreshold}; it must be positive.");
        Check(MmdPermutations is >= 0 and <= 100_000, $"MmdPermutations is {MmdPermutations}; it must be 0–100,000.");
        Check(MmdPValueThreshold is > 0 and < 1, $"MmdPValueThreshold is {MmdPValueThreshold}; it must lie in (0, 1).");
        Check(ClassifierThreshold is >= 0.5 and < 1, $"ClassifierThreshold is {ClassifierThreshold}; it must lie in [0.5, 1).");
        Check(ComponentDriftShare is > 0 and <= 1, $"ComponentDriftShare is {ComponentDriftShare}; it must lie in (0, 1].");
        Check(Enum.IsDefined(MeanDistance), $"MeanDistance is {MeanDistance}; use Euclidean or Cosine.");
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{caller}(\"{modelName}\"): {string.Join(" ", errors)}");
        }

        void Check(bool ok, FormattableString message)
        {
            if (!ok)
            {
                errors.Add(message.ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}

/// <summary>The distance between the reference's and the window's mean vectors.</summary>
public enum EmbeddingDistance
{
    /// <summary>‖a − b‖.</summary>
    Euclidean,

    /// <summary>1 − cos(a, b).</summary>
    Cosine,
}

using System.Runtime.InteropServices;

namespace ModelWatch.Drift;

/// <summary>
/// Combines per-feature drift results into one dataset-level verdict: the dataset drifted when the
/// share of drifted features reaches a threshold (0.5 by default, as in Evidently's dataset drift).
/// </summary>
public static class DatasetDrift
{
    /// <summary>The default share of drifted features at which the dataset counts as drifted: 0.5.</summary>
    public const double DefaultShareThreshold = 0.5;

    /// <summary>Evaluates the dataset-level verdict.</summary>
    /// <param name="features">One result per feature.</param>
    /// <param name="shareThreshold">The share in (0, 1] at or above which the dataset drifted. The default is 0.5.</param>
    /// <param name="correction">
    /// The correction applied to the p-values of the p-value-based results (effect-size results keep
    /// their verdict). Each corrected p-value is compared with its result's own threshold (α). The default is none.
    /// </param>
    /// <returns>The counts, the share and the verdict, with each feature's corrected verdict.</returns>
    /// <exception cref="ArgumentException"><paramref name="features"/> is empty, or a p-value-based result has no p-value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shareThreshold"/> is not in (0, 1] or <paramref name="correction"/> is unknown.</exception>
    public static DatasetDriftResult Evaluate(
        ReadOnlySpan<DriftResult> features, double shareThreshold = DefaultShareThreshold, MultipleTestingCorrection correction = MultipleTestingCorrection.None)
    {
        if (features.IsEmpty)
        {
            throw new ArgumentException("No feature results were given.", nameof(features));
        }

        if (!(shareThreshold > 0 && shareThreshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(shareThreshold), shareThreshold, "The share threshold must lie in (0, 1].");
        }

        if (correction is not (MultipleTestingCorrection.None or MultipleTestingCorrection.Bonferroni or MultipleTestingCorrection.BenjaminiHochberg))
        {
            throw new ArgumentOutOfRangeException(nameof(correction), correction, "Unknown correction.");
        }

        var drift = new bool[features.Length];
        var tested = new List<int>();
        for (int i = 0; i < features.Length; i++)
        {
            if (features[i].Basis == DriftDecisionBasis.PValue)
            {
                if (features[i].PValue is null)
                {
                    throw new ArgumentException($"Result {i} ({features[i].Detector}) decides on a p-value but has none.", nameof(features));
                }

                tested.Add(i);
            }
            else
            {
                drift[i] = features[i].IsDrift;
            }
        }

        var p = new double[tested.Count];
        for (int k = 0; k < p.Length; k++)
        {
            p[k] = features[tested[k]].PValue!.Value;
        }

        PValueAdjustment.Adjust(p, p, correction);
        for (int k = 0; k < p.Length; k++)
        {
            drift[tested[k]] = p[k] < features[tested[k]].Threshold;
        }

        return new DatasetDriftResult
        {
            FeatureCount = features.Length,
            DriftedCount = drift.Count(x => x),
            ShareThreshold = shareThreshold,
            Correction = correction,
            FeatureIsDrift = ImmutableCollectionsMarshal.AsImmutableArray(drift),
        };
    }
}

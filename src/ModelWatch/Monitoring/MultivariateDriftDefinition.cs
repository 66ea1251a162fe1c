using ModelWatch.Estimation;

namespace ModelWatch.Monitoring;

/// <summary>A model's multivariate drift detector, fitted once, and its row scorer for the logging path.</summary>
internal sealed class MultivariateDriftDefinition
{
    public MultivariateDriftDefinition(ReconstructionDrift detector)
    {
        Detector = detector;
        Scorer = new ReconstructionScorer(detector);
    }

    public ReconstructionDrift Detector { get; }

    /// <summary>The co-moments a detector fitted on a production reference came from (kept for snapshots); null for a supplied detector.</summary>
    public EncodedCoMoments? FittedFrom { get; private init; }

    /// <summary>A detector fitted on the co-moments of a production reference (thresholds come later, from calibration windows).</summary>
    /// <exception cref="InvalidOperationException">The co-moments cannot be fitted (see <see cref="EncodedCoMoments.Fit"/>).</exception>
    public static MultivariateDriftDefinition FromProduction(EncodedCoMoments moments, MultivariateProductionFit fit)
    {
        var copy = new EncodedCoMoments(moments.NumericCount, moments.CategoricalCount);
        copy.Merge(moments);
        return new MultivariateDriftDefinition(ReconstructionDrift.FitStreaming(copy, new ReconstructionDriftOptions { VarianceToKeep = fit.VarianceToKeep })) { FittedFrom = copy };
    }

    public ReconstructionScorer Scorer { get; }
}

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

    public ReconstructionScorer Scorer { get; }
}

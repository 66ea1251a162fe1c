namespace ModelWatch.Monitoring;

/// <summary>The change detector fed with the error stream of a model whose outcomes arrive.</summary>
public enum ConceptDriftDetector
{
    /// <summary>No concept-drift detection (threshold alerts only).</summary>
    None = 0,

    /// <summary>ADWIN, the adaptive window (the default): no parameters to tune but its confidence.</summary>
    Adwin = 1,

    /// <summary>Page–Hinkley, watching for an increase of the error.</summary>
    PageHinkley = 2,

    /// <summary>DDM, the drift detection method for 0/1 error streams (classification only).</summary>
    DriftDetectionMethod = 3,
}

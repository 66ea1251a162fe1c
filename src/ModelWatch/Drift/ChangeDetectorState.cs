namespace ModelWatch.Drift;

/// <summary>What a streaming change detector concluded after the latest value.</summary>
internal enum ChangeDetectorState
{
    /// <summary>No change detected.</summary>
    Stable = 0,

    /// <summary>A change may be starting (only detectors with a warning level report this, e.g. DDM).</summary>
    Warning = 1,

    /// <summary>A change was detected at this value.</summary>
    Drift = 2,
}

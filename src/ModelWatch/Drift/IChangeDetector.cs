namespace ModelWatch.Drift;

/// <summary>
/// A streaming change detector: it is fed one value at a time (a model's error indicator, a score,
/// a feature's value) and says when the stream's distribution has changed.
/// </summary>
/// <remarks>
/// Implementations are single-writer: call <see cref="Add"/> from one thread at a time. After warm-up
/// <see cref="Add"/> allocates nothing, so a runtime can drive many detectors on its evaluation path.
/// Non-finite values are ignored (they do not count and do not change the state).
/// </remarks>
internal interface IChangeDetector
{
    /// <summary>Gets the number of values accepted since construction or the last <see cref="Reset"/>.</summary>
    long Count { get; }

    /// <summary>Gets the state after the latest accepted value.</summary>
    ChangeDetectorState State { get; }

    /// <summary>Gets the number of changes detected since construction or the last <see cref="Reset"/>.</summary>
    long DriftCount { get; }

    /// <summary>Adds the next value of the stream.</summary>
    /// <param name="value">The value; NaN and infinities are ignored.</param>
    /// <returns><see cref="ChangeDetectorState.Drift"/> when a change is detected at this value; otherwise the current state.</returns>
    ChangeDetectorState Add(double value);

    /// <summary>Forgets everything seen so far, as if newly constructed.</summary>
    void Reset();
}

namespace ModelWatch.Drift;

/// <summary>
/// How many observations of each sample a two-sample detector used, and how many it excluded as
/// missing (NaN values, or null labels); every detector's result reports them the same way.
/// </summary>
public readonly struct SampleCounts
{
    /// <summary>Gets the number of reference observations used (0 when the input was weights rather than counts).</summary>
    public long Reference { get; internal init; }

    /// <summary>Gets the number of current observations used (0 when the input was weights rather than counts).</summary>
    public long Current { get; internal init; }

    /// <summary>Gets the number of reference values excluded as missing (NaN, or null labels).</summary>
    public long ReferenceMissing { get; internal init; }

    /// <summary>Gets the number of current values excluded as missing (NaN, or null labels).</summary>
    public long CurrentMissing { get; internal init; }
}

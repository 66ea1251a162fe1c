namespace ModelWatch.Drift;

/// <summary>
/// Bounds on the Wasserstein-1 distance when only counts over shared bins (or two quantile sketches)
/// are known: the exact W1 of the underlying samples lies in [<see cref="Lower"/>, <see cref="Upper"/>].
/// </summary>
public readonly struct WassersteinBounds
{
    /// <summary>Gets a lower bound on W1.</summary>
    public double Lower { get; internal init; }

    /// <summary>Gets an upper bound on W1.</summary>
    public double Upper { get; internal init; }

    /// <summary>Gets the midpoint of the bounds, the estimate with the smallest worst-case error.</summary>
    public double Estimate => 0.5 * (Lower + Upper);

    /// <summary>Gets the largest possible error of <see cref="Estimate"/>: half the width of the bounds.</summary>
    public double MaxError => 0.5 * (Upper - Lower);
}

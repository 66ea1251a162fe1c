namespace ModelWatch.Drift;

/// <summary>
/// Bounds on the Wasserstein-1 distance when only counts over shared bins are known: the exact W1
/// of the underlying samples lies in [<paramref name="Lower"/>, <paramref name="Upper"/>].
/// </summary>
/// <param name="Lower">A lower bound on W1.</param>
/// <param name="Upper">An upper bound on W1.</param>
public readonly record struct WassersteinBounds(double Lower, double Upper)
{
    /// <summary>Gets the midpoint of the bounds, the estimate with the smallest worst-case error.</summary>
    public double Estimate => 0.5 * (Lower + Upper);

    /// <summary>Gets the largest possible error of <see cref="Estimate"/>: half the width of the bounds.</summary>
    public double MaxError => 0.5 * (Upper - Lower);
}

namespace ModelWatch.Estimation;

/// <summary>
/// A lower and an upper threshold, either of which may be absent; and the two alert rules NannyML
/// applies to them (<c>nannyml/thresholds.py</c> and its callers).
/// </summary>
/// <remarks>
/// An absent threshold (<see langword="null"/>) and a NaN threshold are different: NaN arises when
/// every reference value was NaN, and it silences <see cref="IsStrictlyOutside"/> (comparisons with
/// NaN are false), while an absent threshold means "no bound on this side".
/// </remarks>
public sealed class ThresholdBounds
{
    internal ThresholdBounds()
    {
    }

    /// <summary>Gets the lower threshold, or <see langword="null"/> when there is none.</summary>
    public double? Lower { get; internal init; }

    /// <summary>Gets the upper threshold, or <see langword="null"/> when there is none.</summary>
    public double? Upper { get; internal init; }

    /// <summary>
    /// The rule of CBPE, univariate drift and realized performance: alert when the value is below
    /// the lower or above the upper threshold. A value on a threshold, or a NaN value, does not alert.
    /// </summary>
    /// <param name="value">The value to judge.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is strictly outside the bounds.</returns>
    public bool IsStrictlyOutside(double value) =>
        (Lower is { } lower && value < lower) || (Upper is { } upper && value > upper);

    /// <summary>
    /// The rule of PCA reconstruction drift: alert unless the value is strictly between the bounds
    /// (a missing bound is an infinite one). A value on a threshold, or a NaN value, alerts.
    /// </summary>
    /// <param name="value">The value to judge.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is not strictly inside the bounds.</returns>
    public bool IsNotStrictlyInside(double value) =>
        !((Lower ?? double.NegativeInfinity) < value && value < (Upper ?? double.PositiveInfinity));
}

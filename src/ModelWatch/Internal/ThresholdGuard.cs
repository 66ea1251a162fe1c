namespace ModelWatch.Internal;

/// <summary>Checks of user-supplied thresholds, shared by every detector's conversion to <c>DriftResult</c>.</summary>
internal static class ThresholdGuard
{
    /// <summary>An effect-size threshold must be finite and non-negative.</summary>
    public static void RequireStatisticThreshold(double threshold, string paramName = "threshold")
    {
        if (!double.IsFinite(threshold) || threshold < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, threshold, "The threshold must be finite and non-negative.");
        }
    }

    /// <summary>A significance level must lie in (0, 1).</summary>
    public static void RequireSignificanceLevel(double alpha, string paramName = "alpha")
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(paramName, alpha, "The significance level must lie strictly between 0 and 1.");
        }
    }
}

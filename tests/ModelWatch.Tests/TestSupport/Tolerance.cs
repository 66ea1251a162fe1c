namespace ModelWatch.Tests.TestSupport;

/// <summary>Explicit numeric tolerances: every comparison states its absolute and relative bound.</summary>
internal static class Tolerance
{
    /// <summary>Passes when |actual − expected| ≤ abs + rel·|expected| (both NaN, or equal infinities, also pass).</summary>
    public static void Close(double expected, double actual, double abs, double rel, string what)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual))
        {
            return;
        }

        if (expected == actual)
        {
            return;
        }

        double diff = Math.Abs(actual - expected);
        double bound = abs + rel * Math.Abs(expected);
        Assert.True(
            diff <= bound,
            $"{what}: expected {expected:R}, actual {actual:R}, |diff| {diff:R} > bound {bound:R} (abs {abs:R}, rel {rel:R})");
    }

    /// <summary>Passes when either the absolute or the relative bound holds ("whichever is looser").</summary>
    public static void CloseEither(double expected, double actual, double abs, double rel, string what)
    {
        if ((double.IsNaN(expected) && double.IsNaN(actual)) || expected == actual)
        {
            return;
        }

        double diff = Math.Abs(actual - expected);
        Assert.True(
            diff <= abs || diff <= rel * Math.Abs(expected),
            $"{what}: expected {expected:R}, actual {actual:R}, |diff| {diff:R} exceeds both abs {abs:R} and rel {rel:R}");
    }
}

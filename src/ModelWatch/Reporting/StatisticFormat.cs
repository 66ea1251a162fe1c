using System.Globalization;
using ModelWatch.Drift;

namespace ModelWatch.Reporting;

/// <summary>
/// The one text form of the numbers ModelWatch shows people. The HTML report, the ASP.NET Core
/// dashboard and the command-line tool's table all format statistics, p-values, shares and counts
/// here, so the same value reads the same everywhere.
/// </summary>
/// <remarks>
/// Every method uses the invariant culture and writes ASCII only, since the tool's table must read
/// the same in any CI log. A missing value (null or NaN) is <see cref="Missing"/>; infinities are
/// <c>inf</c> and <c>-inf</c>. Scientific notation has one form: a mantissa of at most four
/// significant digits without trailing zeros, <c>e</c>, then the exponent's sign and digits without
/// padding (<c>1.235e+4</c>, <c>7.5e-82</c>).
/// </remarks>
internal static class StatisticFormat
{
    /// <summary>
    /// The smallest p-value shown as a number. The tail computations keep no meaningful precision
    /// below it, and a p-value of 0 is an underflow, not a certainty.
    /// </summary>
    public const double SmallestPValue = 1e-300;

    /// <summary>The text of a p-value below <see cref="SmallestPValue"/>, including one that underflowed to 0.</summary>
    public const string BelowSmallestPValue = "< 1e-300";

    /// <summary>The text of a missing value: null, NaN, a p-value a detector does not have.</summary>
    public const string Missing = "-";

    private const string ScientificFormat = "0.###e+0";

    /// <summary>
    /// A statistic, threshold or summary value: rounded to four significant digits, in fixed notation
    /// when the rounded magnitude is in [1e-4, 1e4) (<c>0.1525</c>, <c>384.1</c>, <c>0.0001</c>, <c>0</c>),
    /// in scientific notation otherwise (<c>1.235e+4</c>, <c>2.5e-7</c>).
    /// </summary>
    /// <param name="value">The value; null or NaN for a missing one.</param>
    /// <returns>The text.</returns>
    public static string Statistic(double? value)
    {
        if (value is not { } x || !double.IsFinite(x))
        {
            return NonFinite(value);
        }

        if (x == 0)
        {
            return "0"; // also -0
        }

        int exponent = RoundedExponent(x);
        return exponent is >= -4 and < 4
            ? x.ToString("G4", CultureInfo.InvariantCulture)
            : x.ToString(ScientificFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A p-value: <see cref="BelowSmallestPValue"/> below 1e-300, otherwise as <see cref="Statistic"/>,
    /// i.e. four significant digits, scientific below 1e-4 (<c>0.04123</c>, <c>0.0003221</c>, <c>7.5e-82</c>).
    /// </summary>
    /// <param name="value">The p-value; null or NaN when the detector has none (PSI, Jensen–Shannon, Wasserstein).</param>
    /// <returns>The text.</returns>
    public static string PValue(double? value) =>
        value is { } p && p < SmallestPValue ? BelowSmallestPValue : Statistic(value);

    /// <summary>
    /// The threshold a detector's statistic was compared with, with the comparison that means drift:
    /// <c>p &lt; 0.05</c> for a p-value test, <c>&gt;= 0.2</c> for an effect size.
    /// </summary>
    /// <param name="result">The detector's result.</param>
    /// <returns>The text.</returns>
    public static string Threshold(DriftResult result) =>
        result.Basis == DriftDecisionBasis.PValue ? "p < " + PValue(result.Threshold) : ">= " + Statistic(result.Threshold);

    /// <summary>A share in [0, 1] as a percentage with at most one decimal and a spaced sign: <c>60 %</c>, <c>1.4 %</c>.</summary>
    /// <param name="share">The share; NaN for a missing one.</param>
    /// <returns>The text.</returns>
    public static string Percent(double share) =>
        double.IsFinite(share) ? (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : NonFinite(share);

    /// <summary>A count with comma thousands separators: <c>1,461</c>.</summary>
    /// <param name="value">The count.</param>
    /// <returns>The text.</returns>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string NonFinite(double? value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => Missing,
    };

    /// <summary>The decimal exponent of a finite, non-zero value after rounding to four significant digits.</summary>
    private static int RoundedExponent(double x)
    {
        // "E3" rounds the mantissa to four significant digits first, so 9999.7 has exponent 4 (it
        // shows as 1e+4) where floor(log10(|x|)) would say 3.
        Span<char> text = stackalloc char[32];
        x.TryFormat(text, out int length, "E3", CultureInfo.InvariantCulture);
        text = text[..length];
        return int.Parse(text[(text.IndexOf('E') + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }
}

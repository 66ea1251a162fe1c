using System.Globalization;
using System.Text.Encodings.Web;

namespace ModelWatch.AspNetCore.Dashboard;

/// <summary>Encoding and invariant number formats for the dashboard's pages.</summary>
internal static class Html
{
    /// <summary>Writes text encoded for element content and quoted attribute values.</summary>
    /// <remarks>Every string that can come from a user (model, version, feature, category and detector names) goes through here.</remarks>
    public static void Text(TextWriter w, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            HtmlEncoder.Default.Encode(w, text);
        }
    }

    /// <summary>A number with four significant digits, "–" when absent or not finite.</summary>
    public static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "–";

    /// <summary>A p-value: "&lt; 0.0001" below the precision shown, "–" when the detector has none.</summary>
    public static string PValue(double? value) => value switch
    {
        null => "–",
        { } v when !double.IsFinite(v) => "–",
        < 1e-4 => "< 0.0001",
        { } v => v.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage.</summary>
    public static string Percent(double share) => double.IsFinite(share) ? (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "–";

    /// <summary>A time in UTC, ISO-like, "–" when absent.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "–";

    /// <summary>A coordinate for SVG: invariant, two decimals at most.</summary>
    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

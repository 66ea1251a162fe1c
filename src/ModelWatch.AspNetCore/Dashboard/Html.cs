using System.Globalization;
using System.Text.Encodings.Web;
using ModelWatch.Reporting;

namespace ModelWatch.AspNetCore.Dashboard;

/// <summary>Encoding, times and SVG coordinates for the dashboard's pages (numbers: <see cref="StatisticFormat"/>).</summary>
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

    /// <summary>A time in UTC, ISO-like, <see cref="StatisticFormat.Missing"/> when absent.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : StatisticFormat.Missing;

    /// <summary>A coordinate for SVG: invariant, two decimals at most.</summary>
    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

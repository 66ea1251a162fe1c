using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using ModelWatch.Reporting;

namespace ModelWatch.AspNetCore.Dashboard;

/// <summary>Encoding, times and SVG coordinates for the dashboard's pages (numbers: <see cref="StatisticFormat"/>).</summary>
internal static class Html
{
    // The code units that may need replacing: C0, DEL and C1 controls, surrogates (kept when paired), U+FFFE and U+FFFF.
    private static readonly SearchValues<char> Suspects = SearchValues.Create(
        [.. Units(0x00, 0x20), .. Units(0x7F, 0xA0), .. Units(0xD800, 0xE000), '\uFFFE', '\uFFFF']);

    /// <summary>
    /// Writes text encoded for element content and quoted attribute values, in the pages' HTML and
    /// their inline SVG alike (the HTML parser reads both).
    /// </summary>
    /// <remarks>
    /// Every string that can come from a user (model, version, feature, category and detector names)
    /// goes through here. Characters HTML and XML cannot carry as written show as U+FFFD: control
    /// characters other than tab, line feed and carriage return (a reference to one is an XML error,
    /// and HTML reads <c>&amp;#x80;</c>–<c>&amp;#x9F;</c> as Windows-1252 letters), lone surrogates,
    /// U+FFFE and U+FFFF. Everything else is encoded by <see cref="HtmlEncoder.Default"/>, so the
    /// output is ASCII, free of markup, and well-formed XML: a chart copied out as an .svg file parses.
    /// </remarks>
    public static void Text(TextWriter w, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            HtmlEncoder.Default.Encode(w, Printable(text));
        }
    }

    /// <summary>A time in UTC, ISO-like, <see cref="StatisticFormat.Missing"/> when absent.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : StatisticFormat.Missing;

    /// <summary>A coordinate for SVG: invariant, two decimals at most.</summary>
    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static IEnumerable<char> Units(int from, int to) => Enumerable.Range(from, to - from).Select(u => (char)u);

    /// <summary>The text with each character HTML and XML cannot carry replaced by U+FFFD (the text itself when it has none).</summary>
    private static string Printable(string text)
    {
        if (!text.AsSpan().ContainsAny(Suspects))
        {
            return text;
        }

        var printable = new StringBuilder(text.Length);
        Span<char> units = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            // EnumerateRunes already gives a lone surrogate as U+FFFD.
            bool carried = (!Rune.IsControl(rune) || rune.Value is '\t' or '\n' or '\r') && rune.Value is not (0xFFFE or 0xFFFF);
            printable.Append(units[..(carried ? rune : Rune.ReplacementChar).EncodeToUtf16(units)]);
        }

        return printable.ToString();
    }
}

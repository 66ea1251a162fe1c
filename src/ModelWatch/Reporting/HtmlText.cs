using System.Globalization;

namespace ModelWatch.Reporting;

/// <summary>HTML encoding, number cells and the time format of the reports (numbers: <see cref="StatisticFormat"/>).</summary>
internal static class HtmlText
{
    /// <summary>What stands for a character XML 1.0 does not allow (or discourages): U+FFFD, the replacement character.</summary>
    private const string Replacement = "\uFFFD";

    /// <summary>
    /// Writes text for element content and quoted attribute values alike: &amp;, &lt;, &gt; and quotes
    /// as entities, and every character XML 1.0 does not allow — C0 controls other than tab, line feed
    /// and carriage return, U+FFFE, U+FFFF, a surrogate without its pair — or discourages (DEL and the
    /// C1 controls) as U+FFFD, the replacement character, so the page stays well-formed XML whatever the data hold.
    /// </summary>
    public static void Write(TextWriter writer, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a valid pair: written as is
                continue;
            }

            string? entity = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when IsNotXml(c) => Replacement,
                _ => null,
            };
            if (entity is not null)
            {
                writer.Write(text.AsSpan(start, i - start));
                writer.Write(entity);
                start = i + 1;
            }
        }

        writer.Write(text.AsSpan(start));
    }

    /// <summary>Whether a character (not part of a surrogate pair) is one XML 1.0 does not allow or discourages.</summary>
    private static bool IsNotXml(char c) =>
        (c < ' ' && c is not ('\t' or '\n' or '\r'))
        || c is >= '\u007F' and <= '\u009F'
        || char.IsSurrogate(c)
        || c is '\uFFFE' or '\uFFFF';

    /// <summary>The text HTML-encoded.</summary>
    public static string Encode(string? text)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, text);
        return writer.ToString();
    }

    /// <summary>Writes one right-aligned table cell per text (numbers: tabular figures), each HTML-encoded.</summary>
    /// <remarks>The report and the dashboard style <c>td.n</c> alike; both write their number cells here.</remarks>
    public static void NumberCells(TextWriter writer, params string[] cells)
    {
        foreach (string cell in cells)
        {
            writer.Write("<td class=\"n\">");
            Write(writer, cell);
            writer.Write("</td>");
        }
    }

    /// <summary>A time in ISO 8601 (UTC offset kept), or <see cref="StatisticFormat.Missing"/>.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) : StatisticFormat.Missing;
}

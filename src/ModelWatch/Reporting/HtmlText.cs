using System.Globalization;

namespace ModelWatch.Reporting;

/// <summary>HTML encoding, number cells and the time format of the reports (numbers: <see cref="StatisticFormat"/>).</summary>
internal static class HtmlText
{
    /// <summary>Writes text HTML-encoded for element content and quoted attribute values (&amp;, &lt;, &gt;, quotes).</summary>
    public static void Write(TextWriter writer, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            string? entity = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
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

using System.Globalization;

namespace ModelWatch.Reporting;

/// <summary>HTML encoding and the invariant number formats of the reports.</summary>
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

    /// <summary>A statistic or threshold with four significant digits ("–" for NaN).</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "–" : value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A p-value: three significant digits, scientific notation below 0.001, "–" when there is none.</summary>
    public static string PValue(double? value) => value switch
    {
        null => "–",
        double p when double.IsNaN(p) => "–",
        0.0 => "< 1e-300",
        double p when p < 1e-3 => p.ToString("0.0e+0", CultureInfo.InvariantCulture),
        double p => p.ToString("0.###", CultureInfo.InvariantCulture),
    };

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    /// <summary>A time in ISO 8601 (UTC offset kept), or "–".</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) : "–";
}

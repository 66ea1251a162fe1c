using System.Globalization;

namespace ModelWatch.Reporting;

/// <summary>
/// Draws a <see cref="ReportHistogram"/> as one inline SVG element: reference and current shares
/// side by side per bin, with a tooltip (<c>&lt;title&gt;</c>) per bar, so it reads without scripts.
/// </summary>
internal static class SvgHistogram
{
    private const double Width = 520;
    private const double Left = 46;
    private const double Right = 8;
    private const double Top = 12;
    private const double PlotHeight = 130;

    /// <summary>Writes the chart; a histogram of null draws an empty frame that says so.</summary>
    public static void Write(TextWriter w, string column, ReportHistogram? histogram)
    {
        // Numeric charts need one line of edge labels below the axis; categorical ones room for slanted names.
        double height = Top + PlotHeight + (histogram is { IsNumeric: false } ? 64 : 22);
        w.Write(string.Create(CultureInfo.InvariantCulture, $"<svg class=\"histogram\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\""));
        HtmlText.Write(w, $"Reference and current distribution of {column}");
        w.WriteLine("\">");
        w.Write("<title>");
        HtmlText.Write(w, $"{column}: reference (blue) and current (orange), share of values per bin");
        w.WriteLine("</title>");

        double plotWidth = Width - Left - Right;
        const double plotHeight = PlotHeight;
        double baseline = Top + plotHeight;
        Line(w, Left, baseline, Width - Right, baseline, "axis");
        Line(w, Left, Top, Left, baseline, "axis");
        if (histogram is null || (histogram.ReferenceTotal == 0 && histogram.CurrentTotal == 0))
        {
            Text(w, Left + (plotWidth / 2), Top + (plotHeight / 2), "middle", "no values", null);
            w.WriteLine("</svg>");
            return;
        }

        int n = histogram.BinCount;
        double maxShare = 0;
        for (int b = 0; b < n; b++)
        {
            maxShare = Math.Max(maxShare, Math.Max(Share(histogram.Reference[b], histogram.ReferenceTotal), Share(histogram.Current[b], histogram.CurrentTotal)));
        }

        maxShare = maxShare > 0 ? maxShare : 1;
        Text(w, Left - 4, Top + 4, "end", StatisticFormat.Percent(maxShare), null);
        Text(w, Left - 4, baseline, "end", "0 %", null);
        Line(w, Left, Top, Width - Right, Top, "grid");

        double group = plotWidth / n;
        double bar = Math.Max(1, group * 0.42);
        for (int b = 0; b < n; b++)
        {
            double x = Left + (b * group) + (group * 0.08);
            string label = BinLabel(histogram, b);
            Bar(w, x, bar, baseline, plotHeight, maxShare, histogram.Reference[b], histogram.ReferenceTotal, "ref", $"{column} {label}: reference");
            Bar(w, x + bar, bar, baseline, plotHeight, maxShare, histogram.Current[b], histogram.CurrentTotal, "cur", $"{column} {label}: current");
        }

        if (histogram.IsNumeric)
        {
            // Edges at the ends, the quarters and the middle of the range.
            for (int e = 0; e <= n; e += Math.Max(1, n / 4))
            {
                Text(w, Left + (e * group), baseline + 14, e == 0 ? "start" : e == n ? "end" : "middle", histogram.Labels[e], null);
            }
        }
        else
        {
            for (int b = 0; b < n; b++)
            {
                double x = Left + (b * group) + (group / 2);
                string label = histogram.Labels[b].Length > 14 ? string.Concat(histogram.Labels[b].AsSpan(0, 13), "…") : histogram.Labels[b];
                Text(w, x, baseline + 12, "end", label, string.Create(CultureInfo.InvariantCulture, $"rotate(-35 {x:0.#} {baseline + 12:0.#})"));
            }
        }

        w.WriteLine("</svg>");
    }

    private static double Share(long count, long total) => total == 0 ? 0 : (double)count / total;

    private static string BinLabel(ReportHistogram h, int b) =>
        h.IsNumeric ? (b == 0 ? "[" : "(") + h.Labels[b] + ", " + h.Labels[b + 1] + "]" : h.Labels[b];

    private static void Bar(TextWriter w, double x, double width, double baseline, double plotHeight, double maxShare, long count, long total, string cssClass, string what)
    {
        double share = Share(count, total);
        double height = share / maxShare * plotHeight;
        w.Write(string.Create(CultureInfo.InvariantCulture, $"<rect class=\"{cssClass}\" x=\"{x:0.##}\" y=\"{baseline - height:0.##}\" width=\"{width:0.##}\" height=\"{height:0.##}\"><title>"));
        HtmlText.Write(w, $"{what} {StatisticFormat.Percent(share)} ({StatisticFormat.Count(count)} of {StatisticFormat.Count(total)})");
        w.WriteLine("</title></rect>");
    }

    private static void Line(TextWriter w, double x1, double y1, double x2, double y2, string cssClass) =>
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"<line class=\"{cssClass}\" x1=\"{x1:0.##}\" y1=\"{y1:0.##}\" x2=\"{x2:0.##}\" y2=\"{y2:0.##}\"/>"));

    private static void Text(TextWriter w, double x, double y, string anchor, string text, string? transform)
    {
        w.Write(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x:0.##}\" y=\"{y:0.##}\" text-anchor=\"{anchor}\""));
        if (transform is not null)
        {
            w.Write(" transform=\"");
            w.Write(transform);
            w.Write('"');
        }

        w.Write('>');
        HtmlText.Write(w, text);
        w.WriteLine("</text>");
    }
}

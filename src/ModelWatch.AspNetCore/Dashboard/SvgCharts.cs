using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Reporting;

namespace ModelWatch.AspNetCore.Dashboard;

/// <summary>Small inline SVG charts; each bar carries a <c>&lt;title&gt;</c> so values read on hover without scripts.</summary>
internal static class SvgCharts
{
    private const double Width = 520;
    private const double Left = 46;
    private const double Right = 8;
    private const double Top = 12;

    /// <summary>
    /// Reference and current shares per bin of one column, drawn from the report's own counts: PSI
    /// bins at the reference's deciles for a numeric column (so the reference bars are about level and
    /// a shift shows as the current bars tilting), categories for a categorical one.
    /// </summary>
    /// <param name="w">Where to write.</param>
    /// <param name="feature">The column.</param>
    /// <param name="classNames">For a classifier's prediction, its classes' names in index order (categories are class indexes); else empty.</param>
    public static void Histogram(TextWriter w, FeatureDriftReport feature, IReadOnlyList<string> classNames)
    {
        const double plotHeight = 120;
        bool numeric = feature.Kind == FeatureKind.Numeric;
        int n = Math.Min(feature.ReferenceCounts.Length, feature.CurrentCounts.Length);
        double height = Top + plotHeight + (numeric ? 22 : 60);
        double baseline = Top + plotHeight;
        double plotWidth = Width - Left - Right;
        Open(w, height, $"Reference and current distribution of {feature.Name}");
        Axes(w, baseline, plotHeight);
        long refTotal = Sum(feature.ReferenceCounts, n);
        long curTotal = Sum(feature.CurrentCounts, n);
        if (n == 0 || (refTotal == 0 && curTotal == 0))
        {
            Label(w, Left + (plotWidth / 2), Top + (plotHeight / 2), "middle", "no values");
            w.WriteLine("</svg>");
            return;
        }

        double max = 0;
        for (int b = 0; b < n; b++)
        {
            max = Math.Max(max, Math.Max(Share(feature.ReferenceCounts[b], refTotal), Share(feature.CurrentCounts[b], curTotal)));
        }

        max = max > 0 ? max : 1;
        Label(w, Left - 4, Top + 4, "end", StatisticFormat.Percent(max));
        Label(w, Left - 4, baseline, "end", "0 %");
        double group = plotWidth / n;
        double bar = Math.Max(1, group * 0.42);
        for (int b = 0; b < n; b++)
        {
            double x = Left + (b * group) + (group * 0.08);
            string bin = BinLabel(feature, b, n, classNames);
            Bar(w, x, bar, baseline, plotHeight, max, feature.ReferenceCounts[b], refTotal, "ref", $"{feature.Name} {bin}: reference");
            Bar(w, x + bar, bar, baseline, plotHeight, max, feature.CurrentCounts[b], curTotal, "cur", $"{feature.Name} {bin}: current");
        }

        if (numeric)
        {
            // Interior edges sit between bins; label every other one so they do not overlap.
            for (int e = 0; e < feature.BinEdges.Length && e + 1 < n; e += 2)
            {
                Label(w, Left + ((e + 1) * group), baseline + 14, "middle", StatisticFormat.Statistic(feature.BinEdges[e]));
            }
        }
        else
        {
            for (int b = 0; b < n; b++)
            {
                double x = Left + (b * group) + (group / 2);
                string name = Category(feature, b, classNames);
                name = name.Length > 14 ? string.Concat(name.AsSpan(0, 13), "…") : name;
                w.Write($"<text x=\"{Html.Coordinate(x)}\" y=\"{Html.Coordinate(baseline + 12)}\" text-anchor=\"end\" transform=\"rotate(-35 {Html.Coordinate(x)} {Html.Coordinate(baseline + 12)})\">");
                Html.Text(w, name);
                w.WriteLine("</text>");
            }
        }

        w.WriteLine("</svg>");
    }

    /// <summary>
    /// One bar per window: the share of input features that drifted, against the dataset threshold
    /// (a dashed line). Bars at or above the threshold are highlighted.
    /// </summary>
    public static void DriftShares(TextWriter w, IReadOnlyList<DriftReport> windows)
    {
        const double plotHeight = 90;
        double baseline = Top + plotHeight;
        double plotWidth = Width - Left - Right;
        Open(w, Top + plotHeight + 22, "Share of drifted features per window");
        Axes(w, baseline, plotHeight);
        Label(w, Left - 4, Top + 4, "end", "100 %");
        Label(w, Left - 4, baseline, "end", "0 %");
        if (windows.Count == 0)
        {
            Label(w, Left + (plotWidth / 2), Top + (plotHeight / 2), "middle", "no windows yet");
            w.WriteLine("</svg>");
            return;
        }

        double group = plotWidth / windows.Count;
        double threshold = double.NaN;
        for (int i = 0; i < windows.Count; i++)
        {
            var r = windows[i];
            double share = r.Dataset?.DriftedShare ?? 0;
            threshold = r.Dataset?.ShareThreshold ?? threshold;
            double h = Math.Clamp(share, 0, 1) * plotHeight;
            string css = r.IsDrift ? "bar hot" : "bar";
            w.Write($"<rect class=\"{css}\" x=\"{Html.Coordinate(Left + (i * group) + (group * 0.15))}\" y=\"{Html.Coordinate(baseline - h)}\" width=\"{Html.Coordinate(Math.Max(1, group * 0.7))}\" height=\"{Html.Coordinate(h)}\"><title>");
            Html.Text(w, $"window {r.FirstSubWindow}–{r.LastSubWindow}{(r.IsComplete ? string.Empty : " (current)")}: {StatisticFormat.Percent(share)} of features drifted, {StatisticFormat.Count(r.Predictions)} predictions");
            w.WriteLine("</title></rect>");
        }

        if (double.IsFinite(threshold))
        {
            double y = baseline - (Math.Clamp(threshold, 0, 1) * plotHeight);
            w.WriteLine($"<line class=\"limit\" x1=\"{Html.Coordinate(Left)}\" y1=\"{Html.Coordinate(y)}\" x2=\"{Html.Coordinate(Width - Right)}\" y2=\"{Html.Coordinate(y)}\"/>");
        }

        Label(w, Left, baseline + 14, "start", "oldest");
        Label(w, Width - Right, baseline + 14, "end", "newest");
        w.WriteLine("</svg>");
    }

    /// <summary>A line of one quality metric over windows (points with a title each); gaps where a window has no value.</summary>
    public static void MetricLine(TextWriter w, string metric, IReadOnlyList<double?> values)
    {
        const double plotHeight = 90;
        double baseline = Top + plotHeight;
        double plotWidth = Width - Left - Right;
        Open(w, Top + plotHeight + 22, $"{metric} per window");
        Axes(w, baseline, plotHeight);
        var finite = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
        if (finite.Count == 0)
        {
            Label(w, Left + (plotWidth / 2), Top + (plotHeight / 2), "middle", "no values yet");
            w.WriteLine("</svg>");
            return;
        }

        double lo = Math.Min(0, finite.Min());
        double hi = Math.Max(finite.Max(), lo + 1e-9);
        Label(w, Left - 4, Top + 4, "end", StatisticFormat.Statistic(hi));
        Label(w, Left - 4, baseline, "end", StatisticFormat.Statistic(lo));
        double step = values.Count > 1 ? plotWidth / (values.Count - 1) : 0;
        var points = new List<string>();
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } v || !double.IsFinite(v))
            {
                continue;
            }

            double x = Left + (values.Count > 1 ? i * step : plotWidth / 2);
            double y = baseline - ((v - lo) / (hi - lo) * plotHeight);
            points.Add($"{Html.Coordinate(x)},{Html.Coordinate(y)}");
            w.Write($"<circle class=\"ref\" cx=\"{Html.Coordinate(x)}\" cy=\"{Html.Coordinate(y)}\" r=\"3\"><title>");
            Html.Text(w, $"{metric}: {StatisticFormat.Statistic(v)}");
            w.WriteLine("</title></circle>");
        }

        if (points.Count > 1)
        {
            w.WriteLine($"<polyline class=\"line\" points=\"{string.Join(' ', points)}\"/>");
        }

        w.WriteLine("</svg>");
    }

    /// <summary>
    /// An estimated metric against the realised one per prediction-time window, oldest first: the
    /// estimate as a line with its ± 3 sampling-error band as a vertical bar per window, the realised
    /// value (where labels arrived) as points, and the reference's lower threshold as a dashed line.
    /// </summary>
    public static void EstimatedVersusRealised(TextWriter w, string metric, IReadOnlyList<(double? Estimate, double? Low, double? High, double? Realised, double? Threshold, string Window)> points)
    {
        const double plotHeight = 110;
        double baseline = Top + plotHeight;
        double plotWidth = Width - Left - Right;
        Open(w, Top + plotHeight + 22, $"Estimated and realised {metric} per window");
        Axes(w, baseline, plotHeight);
        var values = points.SelectMany(p => new[] { p.Estimate, p.Low, p.High, p.Realised, p.Threshold })
            .Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
        if (values.Count == 0)
        {
            Label(w, Left + (plotWidth / 2), Top + (plotHeight / 2), "middle", "no values yet");
            w.WriteLine("</svg>");
            return;
        }

        double lo = Math.Min(values.Min(), 1), hi = Math.Max(values.Max(), lo + 1e-9);
        Label(w, Left - 4, Top + 4, "end", StatisticFormat.Statistic(hi));
        Label(w, Left - 4, baseline, "end", StatisticFormat.Statistic(lo));
        double step = points.Count > 1 ? plotWidth / (points.Count - 1) : 0;
        double X(int i) => Left + (points.Count > 1 ? i * step : plotWidth / 2);
        double Y(double v) => baseline - ((v - lo) / (hi - lo) * plotHeight);
        if (points[^1].Threshold is { } threshold && double.IsFinite(threshold))
        {
            w.WriteLine($"<line class=\"limit\" x1=\"{Html.Coordinate(Left)}\" y1=\"{Html.Coordinate(Y(threshold))}\" x2=\"{Html.Coordinate(Width - Right)}\" y2=\"{Html.Coordinate(Y(threshold))}\"><title>lower threshold {StatisticFormat.Statistic(threshold)}</title></line>");
        }

        var line = new List<string>();
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (p.Low is { } low && p.High is { } high && double.IsFinite(low) && double.IsFinite(high))
            {
                w.WriteLine($"<line class=\"axis band\" x1=\"{Html.Coordinate(X(i))}\" y1=\"{Html.Coordinate(Y(low))}\" x2=\"{Html.Coordinate(X(i))}\" y2=\"{Html.Coordinate(Y(high))}\"/>");
            }

            if (p.Estimate is { } e && double.IsFinite(e))
            {
                line.Add($"{Html.Coordinate(X(i))},{Html.Coordinate(Y(e))}");
                w.Write($"<circle class=\"ref\" cx=\"{Html.Coordinate(X(i))}\" cy=\"{Html.Coordinate(Y(e))}\" r=\"3\"><title>");
                Html.Text(w, $"{p.Window}: estimated {metric} {StatisticFormat.Statistic(e)}");
                w.WriteLine("</title></circle>");
            }

            if (p.Realised is { } r && double.IsFinite(r))
            {
                w.Write($"<circle class=\"cur\" cx=\"{Html.Coordinate(X(i))}\" cy=\"{Html.Coordinate(Y(r))}\" r=\"3\"><title>");
                Html.Text(w, $"{p.Window}: realised {metric} {StatisticFormat.Statistic(r)}");
                w.WriteLine("</title></circle>");
            }
        }

        if (line.Count > 1)
        {
            w.WriteLine($"<polyline class=\"line\" points=\"{string.Join(' ', line)}\"/>");
        }

        w.WriteLine("</svg>");
    }

    /// <summary>
    /// A one-line bar chart of a column's deciding statistic over recent windows (heights relative to
    /// the largest; drifted windows highlighted), small enough for a table cell.
    /// </summary>
    public static void Sparkline(TextWriter w, string column, IReadOnlyList<(double? Statistic, bool Drift, string Window)> points)
    {
        const double width = 96, height = 20;
        w.Write($"<svg class=\"spark\" viewBox=\"0 0 {Html.Coordinate(width)} {Html.Coordinate(height)}\" role=\"img\" aria-label=\"");
        Html.Text(w, $"{column}: statistic over recent windows");
        w.Write("\">");
        double max = points.Where(p => p.Statistic is { } v && double.IsFinite(v)).Select(p => p.Statistic!.Value).DefaultIfEmpty(0).Max();
        double slot = points.Count == 0 ? width : width / points.Count;
        for (int i = 0; i < points.Count; i++)
        {
            var (statistic, drift, window) = points[i];
            double v = statistic is { } x && double.IsFinite(x) && max > 0 ? x / max : 0;
            double h = Math.Max(1, v * (height - 2));
            w.Write($"<rect class=\"{(drift ? "bar hot" : "bar")}\" x=\"{Html.Coordinate(i * slot)}\" y=\"{Html.Coordinate(height - h)}\" width=\"{Html.Coordinate(Math.Max(1, slot * 0.8))}\" height=\"{Html.Coordinate(h)}\"><title>");
            Html.Text(w, $"{window}: {StatisticFormat.Statistic(statistic)}{(drift ? " (drift)" : string.Empty)}");
            w.Write("</title></rect>");
        }

        w.Write("</svg>");
    }

    private static void Open(TextWriter w, double height, string label)
    {
        w.Write($"<svg viewBox=\"0 0 {Html.Coordinate(Width)} {Html.Coordinate(height)}\" role=\"img\" aria-label=\"");
        Html.Text(w, label);
        w.Write("\"><title>");
        Html.Text(w, label);
        w.WriteLine("</title>");
    }

    private static void Axes(TextWriter w, double baseline, double plotHeight)
    {
        w.WriteLine($"<line class=\"axis\" x1=\"{Html.Coordinate(Left)}\" y1=\"{Html.Coordinate(baseline)}\" x2=\"{Html.Coordinate(Width - Right)}\" y2=\"{Html.Coordinate(baseline)}\"/>");
        w.WriteLine($"<line class=\"axis\" x1=\"{Html.Coordinate(Left)}\" y1=\"{Html.Coordinate(baseline - plotHeight)}\" x2=\"{Html.Coordinate(Left)}\" y2=\"{Html.Coordinate(baseline)}\"/>");
    }

    private static void Bar(TextWriter w, double x, double width, double baseline, double plotHeight, double max, long count, long total, string css, string what)
    {
        double share = Share(count, total);
        double h = share / max * plotHeight;
        w.Write($"<rect class=\"{css}\" x=\"{Html.Coordinate(x)}\" y=\"{Html.Coordinate(baseline - h)}\" width=\"{Html.Coordinate(width)}\" height=\"{Html.Coordinate(h)}\"><title>");
        Html.Text(w, $"{what} {StatisticFormat.Percent(share)} ({StatisticFormat.Count(count)} of {StatisticFormat.Count(total)})");
        w.WriteLine("</title></rect>");
    }

    private static void Label(TextWriter w, double x, double y, string anchor, string text)
    {
        w.Write($"<text x=\"{Html.Coordinate(x)}\" y=\"{Html.Coordinate(y)}\" text-anchor=\"{anchor}\">");
        Html.Text(w, text);
        w.WriteLine("</text>");
    }

    private static string Category(FeatureDriftReport f, int b, IReadOnlyList<string> classNames) =>
        b < f.Categories.Length ? VerdictText.ClassName(classNames, f.Categories[b]) : "?";

    private static string BinLabel(FeatureDriftReport f, int b, int n, IReadOnlyList<string> classNames)
    {
        if (f.Kind != FeatureKind.Numeric)
        {
            return Category(f, b, classNames);
        }

        // Interior edges e[0..n-2] split the line into n bins: (-inf, e0], (e0, e1], ..., (e[n-2], +inf).
        string lo = b == 0 || b - 1 >= f.BinEdges.Length ? StatisticFormat.Statistic(double.NegativeInfinity) : StatisticFormat.Statistic(f.BinEdges[b - 1]);
        string hi = b >= f.BinEdges.Length || b == n - 1 ? StatisticFormat.Statistic(double.PositiveInfinity) : StatisticFormat.Statistic(f.BinEdges[b]);
        return $"({lo}, {hi}]";
    }

    private static long Sum(System.Collections.Immutable.ImmutableArray<long> counts, int n)
    {
        long s = 0;
        for (int i = 0; i < n; i++)
        {
            s += counts[i];
        }

        return s;
    }

    private static double Share(long count, long total) => total == 0 ? 0 : (double)count / total;
}

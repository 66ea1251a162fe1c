using ModelWatch.AspNetCore.Endpoints;
using ModelWatch.Drift;
using ModelWatch.Estimation;
using ModelWatch.Monitoring;
using ModelWatch.Reporting;

namespace ModelWatch.AspNetCore.Dashboard;

/// <summary>
/// The dashboard's pages, rendered on the server as self-contained HTML (no script, nothing loaded
/// from elsewhere). Machine-checkable markers: each model row of the list carries
/// <c>data-model</c> and <c>data-drift</c>; each column row of a model page carries
/// <c>data-feature</c> and <c>data-drift</c> (<c>true</c> or <c>false</c>).
/// </summary>
internal static partial class DashboardPages
{
    /// <summary>How many windows the drift and quality charts show at most.</summary>
    internal const int ChartWindows = 24;

    public static void Model(TextWriter w, ModelView m, IReadOnlyList<DriftReport> history, IReadOnlyList<QualityReport> qualityHistory, IReadOnlyList<QualityReport> predictionHistory, DashboardLinks links, DateTimeOffset now)
    {
        Layout.Begin(w, $"ModelWatch: {m.Name}");
        w.Write("<p><a href=\"");
        Html.Text(w, links.List);
        w.WriteLine("\">← all models</a></p>");
        w.Write("<h1>");
        Html.Text(w, m.Name);
        w.Write(" <span class=\"muted\">version ");
        Html.Text(w, m.CurrentVersion);
        w.Write("</span> ");
        Layout.StatusBadge(w, m.Status);
        w.WriteLine("</h1>");

        Section(w, "alerts", "Alerts");
        w.WriteLine("<table><tbody>");
        w.Write("<tr><th scope=\"row\">Drift alert</th><td data-alert=\"drift\">");
        AlertBadge(w, m.DriftAlert);
        w.Write("</td></tr><tr><th scope=\"row\">Quality alert</th><td data-alert=\"quality\">");
        AlertBadge(w, m.QualityAlert);
        w.Write("</td></tr>");
        if (m.AlertingSegments is { } alerting)
        {
            w.Write("<tr><th scope=\"row\">Segments alerting</th><td data-alert=\"segments\">");
            Html.Text(w, alerting.Count == 0 ? "none" : string.Join(", ", alerting));
            w.Write("</td></tr>");
        }

        w.WriteLine("</tbody></table></section>");

        var r = m.Latest;
        var windows = history.Skip(Math.Max(0, history.Count - (ChartWindows - 1))).ToList();
        if (r is not null && !r.IsComplete)
        {
            windows.Add(r);
        }

        WindowSummary(w, r);
        if (r is not null)
        {
            DriftTable(w, r, windows);
            SegmentTable(w, m, r, links);
        }

        Section(w, "drift-history", "Drift over recent windows", "Share of input features that drifted in each window (closed windows, then the current one); the dashed line is the dataset threshold.");
        SvgCharts.DriftShares(w, windows);
        w.WriteLine("</section>");
        Multivariate(w, windows);

        if (r is not null && r.Features.Length > 0)
        {
            Section(w, "distributions", "Distributions", "<span class=\"key ref\"></span>reference <span class=\"key cur\"></span>current window — share of values per bin (numeric: the reference's decile bins; categorical: categories, the last one for unseen values), and every detector's result.");
            w.WriteLine("<div class=\"features\">");
            foreach (var f in r.Features)
            {
                w.Write("<article data-histogram=\"");
                Html.Text(w, f.Name);
                w.Write("\"><h3>");
                Html.Text(w, VerdictText.ColumnTitle(f));
                w.Write(' ');
                VerdictText.Of(f).WriteHtml(w);
                w.WriteLine("</h3>");
                SvgCharts.Histogram(w, f, f.IsPrediction ? r.ClassNames : []);
                Detectors(w, f);
                w.WriteLine("</article>");
            }

            w.WriteLine("</div></section>");
        }

        Quality(w, m.Quality, qualityHistory);
        Estimated(w, predictionHistory);
        w.Write("<p class=\"muted\">JSON: <a href=\"");
        Html.Text(w, links.ModelJson(m.Name));
        w.Write("\">this model</a>, <a href=\"");
        Html.Text(w, links.HistoryJson(m.Name));
        w.WriteLine("\">its history</a>.</p>");
        Layout.End(w, now);
    }

    /// <summary>The page of a name no model has (answered with 404).</summary>
    public static void UnknownModel(TextWriter w, string name, DashboardLinks links, DateTimeOffset now)
    {
        Layout.Begin(w, "ModelWatch: unknown model");
        w.Write("<h1>Unknown model</h1><p>No model named <strong>");
        Html.Text(w, name);
        w.Write("</strong> is monitored. <a href=\"");
        Html.Text(w, links.List);
        w.WriteLine("\">All models</a></p>");
        Layout.End(w, now);
    }

    private static void WindowSummary(TextWriter w, DriftReport? r)
    {
        Section(w, "window", "Latest window");
        if (r is null)
        {
            w.WriteLine("<p class=\"muted\">Not evaluated yet.</p></section>");
            return;
        }

        w.WriteLine("<table><tbody>");
        Row(w, "Status", r.Status switch
        {
            DriftReportStatus.NoReference => "no reference yet",
            DriftReportStatus.EmptyWindow => "empty window",
            _ => r.IsComplete ? "closed window" : "current window (still filling)",
        });
        Row(w, "Window", r.WindowStart is null ? SubWindows(r) : $"{Html.Time(r.WindowStart)} – {Html.Time(r.WindowEnd)}");
        Row(w, "Evaluated", Html.Time(r.EvaluatedAt));
        Row(w, "Dataset drift", r.Dataset is { } d ? $"{(d.IsDrift ? "drift" : "no drift")}: {d.DriftedCount} of {d.FeatureCount} features ({StatisticFormat.Percent(d.DriftedShare)}, threshold {StatisticFormat.Percent(d.ShareThreshold)})" : StatisticFormat.Missing);
        Row(w, "Predictions", StatisticFormat.Count(r.Predictions));
        Row(w, "Failed predictions", StatisticFormat.Count(r.FailedPredictions));
        Row(w, "Schema violations", StatisticFormat.Count(r.SchemaViolations));
        Row(w, "Mean / max latency", $"{StatisticFormat.Statistic(r.MeanLatencySeconds * 1000)} / {StatisticFormat.Statistic(r.MaxLatencySeconds * 1000)} ms");
        w.WriteLine("</tbody></table></section>");
    }

    private static void DriftTable(TextWriter w, DriftReport r, IReadOnlyList<DriftReport> windows)
    {
        Section(w, "drift", "Drift by column", "The detector that decides each verdict. p-value detectors drift when p &lt; threshold; effect sizes when the statistic &gt;= threshold. Missing: NaN or empty; non-finite: ±Infinity; out of range: outside the reference's [min, max]; unseen: categories the reference never saw.");
        w.WriteLine("<table class=\"drift-table\"><thead><tr><th>Column</th><th>Kind</th><th>Verdict</th><th>Detector</th><th>Statistic</th><th>p-value</th><th>Threshold</th><th>Ref. n</th><th>Cur. n</th><th>Missing</th><th>Non-finite</th><th>Out of range</th><th>Unseen</th><th>Trend</th></tr></thead><tbody>");
        foreach (var f in r.Features)
        {
            w.Write("<tr data-feature=\"");
            Html.Text(w, f.Name);
            w.Write(f.IsDrift ? "\" data-drift=\"true\"><td>" : "\" data-drift=\"false\"><td>");
            Html.Text(w, f.Name);
            w.Write("</td><td>");
            Html.Text(w, VerdictText.Kind(f));
            w.Write("</td><td>");
            VerdictText.Of(f).WriteHtml(w);
            w.Write("</td>");
            if (f.Verdict is { } v)
            {
                w.Write("<td>");
                Html.Text(w, v.Detector);
                w.Write("</td>");
                Statistic(w, v);
                HtmlText.NumberCells(w, StatisticFormat.PValue(v.PValue), StatisticFormat.Threshold(v), StatisticFormat.Count(v.ReferenceCount), StatisticFormat.Count(v.CurrentCount));
            }
            else
            {
                w.Write("<td colspan=\"6\" class=\"muted\">no value in this window</td>");
            }

            bool numeric = f.Kind == FeatureKind.Numeric;
            HtmlText.NumberCells(w, StatisticFormat.Count(f.MissingCount), numeric ? StatisticFormat.Count(f.NonFiniteCount) : StatisticFormat.Missing, numeric ? StatisticFormat.Count(f.OutOfRangeCount) : StatisticFormat.Missing, numeric ? StatisticFormat.Missing : StatisticFormat.Count(f.UnseenCount));
            w.Write("<td>");
            SvgCharts.Sparkline(w, f.Name, [.. windows.Select(x => Point(x, f.Name))]);
            w.WriteLine("</td></tr>");
        }

        w.WriteLine("</tbody></table>");
        w.Write("<p class=\"muted\">");
        Html.Text(w, $"{VerdictText.MarksNote} {VerdictText.LowCountNote} {VerdictText.ExactnessNote}");
        w.WriteLine("</p></section>");
    }

    /// <summary>Every detector of a column, the deciding one first, each with its mark.</summary>
    private static void Detectors(TextWriter w, FeatureDriftReport f)
    {
        if (f.Detectors.IsEmpty)
        {
            return;
        }

        w.WriteLine("<table class=\"detectors\"><thead><tr><th>Detector</th><th>Statistic</th><th>p-value</th><th>Threshold</th><th>Verdict</th></tr></thead><tbody>");
        foreach (var d in f.Detectors.OrderBy(d => VerdictText.Decides(f, d) ? 0 : 1))
        {
            var mark = VerdictText.Of(f, d);
            w.Write(mark.IsVerdict ? "<tr data-detector=\"" : "<tr class=\"info\" data-detector=\"");
            Html.Text(w, d.Detector);
            w.Write("\"><td>");
            Html.Text(w, d.Detector);
            w.Write("</td>");
            Statistic(w, d);
            HtmlText.NumberCells(w, StatisticFormat.PValue(d.PValue), StatisticFormat.Threshold(d));
            w.Write("<td>");
            mark.WriteHtml(w);
            w.WriteLine("</td></tr>");
        }

        w.WriteLine("</tbody></table>");
    }

    /// <summary>A statistic's cell: its value, then "exact" or its bound.</summary>
    private static void Statistic(TextWriter w, DriftResult d)
    {
        w.Write("<td class=\"n\">");
        Html.Text(w, StatisticFormat.Statistic(d.Statistic));
        w.Write("<span class=\"bound\">");
        Html.Text(w, VerdictText.Exactness(d));
        w.Write("</span></td>");
    }

    /// <summary>A count window's place: its sub-window, or its range of sub-windows when it slides.</summary>
    private static string SubWindows(WindowReport r) =>
        r.FirstSubWindow == r.LastSubWindow
            ? $"sub-window {r.FirstSubWindow.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : $"sub-windows {r.FirstSubWindow.ToString(System.Globalization.CultureInfo.InvariantCulture)}–{r.LastSubWindow.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>A column's deciding statistic in one window, for its sparkline.</summary>
    private static (double? Statistic, bool Drift, string Window) Point(DriftReport window, string column)
    {
        var f = window.Features.FirstOrDefault(x => x.Name == column);
        string label = window.WindowStart is { } start ? Html.Time(start) : $"window {window.FirstSubWindow.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return (f?.Verdict?.Statistic, f?.IsDrift ?? false, label);
    }

    private static void AlertBadge(TextWriter w, bool active) =>
        w.Write(active ? "<span class=\"badge alert\">active</span>" : "<span class=\"badge ok\">none</span>");

    /// <summary>Opens a section of the page with its heading and, where given, a muted note (HTML) under it.</summary>
    private static void Section(TextWriter w, string id, string title, string? noteHtml = null)
    {
        w.Write("<section id=\"");
        w.Write(id);
        w.Write("\"><h2>");
        w.Write(title);
        w.WriteLine("</h2>");
        if (noteHtml is not null)
        {
            w.Write("<p class=\"muted\">");
            w.Write(noteHtml);
            w.WriteLine("</p>");
        }
    }

    private static void Row(TextWriter w, string header, string value)
    {
        w.Write("<tr><th scope=\"row\">");
        Html.Text(w, header);
        w.Write("</th><td>");
        Html.Text(w, value);
        w.WriteLine("</td></tr>");
    }
}

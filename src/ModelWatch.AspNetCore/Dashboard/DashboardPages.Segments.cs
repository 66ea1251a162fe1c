using ModelWatch.AspNetCore.Endpoints;
using ModelWatch.Monitoring;
using ModelWatch.Reporting;

namespace ModelWatch.AspNetCore.Dashboard;

/// <summary>
/// The segment parts of the dashboard: the alerting-segment count of the model list, the segment list
/// of a model page and a segment's own page. Markers: the count cell carries
/// <c>data-alerting-segments</c>, each segment row <c>data-segment</c>, <c>data-drift</c> and <c>data-alert</c>.
/// </summary>
internal static partial class DashboardPages
{
    /// <summary>The model list's cell with how many segments alert (a dash for a model that is not segmented).</summary>
    private static void AlertingSegmentsCell(TextWriter w, ModelView m)
    {
        if (m.AlertingSegments is not { } alerting)
        {
            w.Write("<td class=\"muted\">" + StatisticFormat.Missing + "</td>");
            return;
        }

        string count = alerting.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        w.Write("<td data-alerting-segments=\"" + count + "\" title=\"");
        Html.Text(w, string.Join(", ", alerting));
        w.Write(alerting.Count > 0 ? "\"><span class=\"badge alert\">" : "\"><span class=\"badge ok\">");
        w.Write(count);
        w.Write("</span></td>");
    }

    /// <summary>A segmented model's segments in the window, most severe first, each linking to its page.</summary>
    private static void SegmentTable(TextWriter w, ModelView m, DriftReport r, DashboardLinks links)
    {
        if (r.Segments.IsEmpty)
        {
            return;
        }

        Section(w, "segments", "Segments", "Each segment compared with its own reference (or the model's), with the p-values of every segment × column test of the window corrected together. Not judged: too few predictions, or no reference of its own yet.");
        w.Write("<p>");
        Html.Text(w, $"Drifted segments: {(r.DriftedSegmentShare is double share ? StatisticFormat.Percent(share) : StatisticFormat.Missing)} of those judged.");
        w.WriteLine("</p>");
        w.WriteLine("<table class=\"segment-table\"><thead><tr><th>Segment</th><th>Verdict</th><th>Status</th><th>Reference</th><th>Predictions</th><th>Drifted features</th><th>Smallest corrected p</th><th>Alert</th></tr></thead><tbody>");
        foreach (var s in r.Segments)
        {
            w.Write("<tr data-segment=\"");
            Html.Text(w, s.Name);
            bool alerting = m.AlertingSegments?.Contains(s.Name, StringComparer.Ordinal) ?? false;
            w.Write(s.IsDrift ? "\" data-drift=\"true\"" : "\" data-drift=\"false\"");
            w.Write(alerting ? " data-alert=\"true\"><td><a href=\"" : " data-alert=\"false\"><td><a href=\"");
            Html.Text(w, links.Segment(m.Name, s.Name));
            w.Write("\">");
            Html.Text(w, s.Name);
            w.Write("</a></td><td>");
            Html.Text(w, s.Status != SegmentStatus.Evaluated ? "not judged" : s.IsDrift ? "drift" : "no drift");
            w.Write("</td><td>");
            Html.Text(w, s.Status switch
            {
                SegmentStatus.TooFewPredictions => "too few predictions",
                SegmentStatus.NoReference => "gathering its reference",
                _ => "evaluated",
            });
            w.Write("</td><td>");
            Html.Text(w, s.Reference switch { SegmentReferenceBasis.Segment => "its own", SegmentReferenceBasis.Profile => "its own (profile)", _ => "the model's" });
            w.Write("</td>");
            HtmlText.NumberCells(w, StatisticFormat.Count(s.Predictions));
            w.Write("<td>");
            Html.Text(w, s.DriftedFeatures.IsEmpty ? "" : string.Join(", ", s.DriftedFeatures));
            w.Write("</td>");
            HtmlText.NumberCells(w, StatisticFormat.PValue(s.SmallestAdjustedPValue));
            w.Write("<td>");
            AlertBadge(w, alerting);
            w.WriteLine("</td></tr>");
        }

        w.WriteLine("</tbody></table>");
        if (m.AlertingSegments is { Count: > 0 } all)
        {
            // Segments keep their alerts through windows in which they had no rows: list every one.
            w.Write("<p>");
            Html.Text(w, $"Segments alerting (drift or quality): {string.Join(", ", all)}.");
            w.WriteLine("</p>");
        }

        w.WriteLine("</section>");
    }

    /// <summary>A segment's page: its alerts, its latest window and drift by column, and its realised quality.</summary>
    public static void Segment(TextWriter w, ModelView m, string segment, SegmentView view, DashboardLinks links, DateTimeOffset now)
    {
        var r = view.Latest;
        Layout.Begin(w, $"ModelWatch: {m.Name} / {segment}");
        w.Write("<p><a href=\"");
        Html.Text(w, links.Model(m.Name));
        w.Write("\">← ");
        Html.Text(w, m.Name);
        w.WriteLine("</a></p>");
        w.Write("<h1>");
        Html.Text(w, m.Name);
        w.Write(" <span class=\"muted\">segment</span> ");
        Html.Text(w, segment);
        w.WriteLine("</h1>");
        Section(w, "alerts", "Alerts");
        w.Write("<table><tbody><tr><th scope=\"row\">Drift alert</th><td data-alert=\"drift\">");
        AlertBadge(w, view.Alerts.Drift);
        w.Write("</td></tr><tr><th scope=\"row\">Quality alert</th><td data-alert=\"quality\">");
        AlertBadge(w, view.Alerts.Quality);
        w.WriteLine("</td></tr></tbody></table></section>");
        WindowSummary(w, r);
        if (r is not null && r.Features.Length > 0)
        {
            DriftTable(w, r, [r]);
        }

        SegmentHistory(w, view.History);
        if (view.Quality is not null)
        {
            Quality(w, view.Quality, []);
        }

        w.Write("<p class=\"muted\">JSON: <a href=\"");
        Html.Text(w, links.SegmentJson(m.Name, segment));
        w.Write("\">latest</a>, <a href=\"");
        Html.Text(w, links.SegmentHistoryJson(m.Name, segment));
        w.WriteLine("\">history</a>.</p>");
        Layout.End(w, now);
    }

    /// <summary>A segment's closed windows of the history: the drifted share per window and a row per window, newest first.</summary>
    private static void SegmentHistory(TextWriter w, IReadOnlyList<SegmentDriftResult> history)
    {
        var recent = history.Skip(Math.Max(0, history.Count - ChartWindows)).ToList();
        Section(w, "segment-history", "Segment over recent windows", "The segment's share of drifted input features in each closed window it had rows in (after the segment-wide correction), oldest first; then a row per window, newest first.");
        SvgCharts.DriftShares(w, [.. recent.Select(s => s.Report)]);
        if (recent.Count > 0)
        {
            w.WriteLine("<table class=\"segment-history\"><thead><tr><th>Window</th><th>Verdict</th><th>Predictions</th><th>Drifted features</th><th>Smallest corrected p</th><th>Accuracy</th><th>MAE</th></tr></thead><tbody>");
            for (int i = recent.Count - 1; i >= 0; i--)
            {
                var s = recent[i];
                w.Write(s.IsDrift ? "<tr data-window-drift=\"true\"><td>" : "<tr data-window-drift=\"false\"><td>");
                Html.Text(w, s.Report.WindowStart is null ? SubWindows(s.Report) : Html.Time(s.Report.WindowStart));
                w.Write("</td><td>");
                Html.Text(w, s.Status != SegmentStatus.Evaluated ? "not judged" : s.IsDrift ? "drift" : "no drift");
                w.Write("</td>");
                HtmlText.NumberCells(w, StatisticFormat.Count(s.Predictions));
                w.Write("<td>");
                Html.Text(w, string.Join(", ", s.DriftedFeatures));
                w.Write("</td>");
                HtmlText.NumberCells(w, StatisticFormat.PValue(s.SmallestAdjustedPValue), StatisticFormat.Statistic(s.Quality?.Accuracy), StatisticFormat.Statistic(s.Quality?.MeanAbsoluteError));
                w.WriteLine("</tr>");
            }

            w.WriteLine("</tbody></table>");
        }

        w.WriteLine("</section>");
    }
}

using ModelWatch.AspNetCore.Endpoints;
using ModelWatch.Monitoring;
using ModelWatch.Reporting;

namespace ModelWatch.AspNetCore.Dashboard;

/// <summary>The segment parts of the dashboard: the segment list of a model page and a segment's own page.</summary>
internal static partial class DashboardPages
{
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
        w.WriteLine("<table class=\"segment-table\"><thead><tr><th>Segment</th><th>Verdict</th><th>Status</th><th>Reference</th><th>Predictions</th><th>Drifted features</th><th>Smallest corrected p</th></tr></thead><tbody>");
        foreach (var s in r.Segments)
        {
            w.Write("<tr data-segment=\"");
            Html.Text(w, s.Name);
            w.Write(s.IsDrift ? "\" data-drift=\"true\"><td><a href=\"" : "\" data-drift=\"false\"><td><a href=\"");
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
            w.WriteLine("</tr>");
        }

        w.WriteLine("</tbody></table></section>");
    }

    /// <summary>A segment's page: its latest window and drift by column.</summary>
    public static void Segment(TextWriter w, ModelView m, string segment, DriftReport? r, DashboardLinks links, DateTimeOffset now)
    {
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
        WindowSummary(w, r);
        if (r is not null && r.Features.Length > 0)
        {
            DriftTable(w, r, [r]);
        }

        Layout.End(w, now);
    }
}

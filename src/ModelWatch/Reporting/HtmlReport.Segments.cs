using ModelWatch.Monitoring;

namespace ModelWatch.Reporting;

/// <summary>The per-segment table of a segmented report (<see cref="DriftReport.Segments"/>).</summary>
public static partial class HtmlReport
{
    private static void WriteSegmentTable(TextWriter w, DriftReport report)
    {
        if (report.Segments.IsEmpty)
        {
            return;
        }

        w.WriteLine("<section id=\"segments\"><h2>Segments</h2>");
        w.Write("<p class=\"muted\">");
        HtmlText.Write(w, $"Each segment compared with its own reference, most severe first; the p-values of every segment × column test are corrected together ({report.Segments[0].Report.Dataset?.Correction.ToString() ?? "see docs/segments.md"}). Drifted: {(report.DriftedSegmentShare is double share ? StatisticFormat.Percent(share) : StatisticFormat.Missing)} of the segments judged.");
        w.WriteLine("</p>");
        w.WriteLine("<table class=\"segment-table\"><thead><tr><th>Segment</th><th>Verdict</th><th>Rows</th><th>Drifted features</th><th>Smallest corrected p</th></tr></thead><tbody>");
        foreach (var s in report.Segments)
        {
            w.Write("<tr data-segment=\"");
            HtmlText.Write(w, s.Name);
            w.Write("\"><td>");
            HtmlText.Write(w, s.Name);
            w.Write("</td><td>");
            HtmlText.Write(w, s.Status switch
            {
                SegmentStatus.TooFewPredictions => "not judged: too few rows",
                SegmentStatus.NoReference => "not judged: no reference rows",
                _ => s.IsDrift ? "drift" : "no drift",
            });
            w.Write("</td>");
            HtmlText.NumberCells(w, StatisticFormat.Count(s.Predictions));
            w.Write("<td>");
            HtmlText.Write(w, string.Join(", ", s.DriftedFeatures));
            w.Write("</td>");
            HtmlText.NumberCells(w, StatisticFormat.PValue(s.SmallestAdjustedPValue));
            w.WriteLine("</tr>");
        }

        w.WriteLine("</tbody></table></section>");
    }
}

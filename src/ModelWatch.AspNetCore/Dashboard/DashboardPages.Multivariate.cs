using ModelWatch.Estimation;
using ModelWatch.Monitoring;
using ModelWatch.Reporting;

namespace ModelWatch.AspNetCore.Dashboard;

/// <summary>The model page's multivariate drift section: the PCA reconstruction error per window against the reference's thresholds.</summary>
internal static partial class DashboardPages
{
    private static void Multivariate(TextWriter w, IReadOnlyList<DriftReport> windows)
    {
        var recent = windows.Where(r => r.Multivariate is not null).ToList();
        if (recent.Count == 0)
        {
            return;
        }

        Section(w, "multivariate", "Multivariate drift", "Mean distance of each window's rows from the reference's principal subspace (PCA reconstruction error), with its ± 3 sampling-error band; a window outside the thresholds from the reference's chunks has drifted, even when no single feature has. A detector fitted on a production reference takes its thresholds from the first windows after it (calibrating).");
        w.WriteLine("<table class=\"multivariate-table\"><thead><tr><th>Window</th><th>Rows</th><th>Reconstruction error</th><th>Lower threshold</th><th>Upper threshold</th><th>Verdict</th></tr></thead><tbody>");
        foreach (var r in recent)
        {
            var m = r.Multivariate!;
            ChunkMetric e = m.ReconstructionError;
            w.Write("<tr><td>");
            Html.Text(w, WindowLabel(r) + (r.IsComplete ? string.Empty : " (current)"));
            w.Write("</td>");
            HtmlText.NumberCells(w, StatisticFormat.Count(m.Rows), Band(e.Value, e.LowerConfidenceBound, e.UpperConfidenceBound), Threshold(e.LowerThreshold), Threshold(e.UpperThreshold));
            w.Write("<td>");
            w.Write(m.IsCalibrating ? "<span class=\"badge warn\">calibrating</span>" : m.IsDrift ? "<span class=\"badge alert\">DRIFT</span>" : "<span class=\"badge ok\">ok</span>");
            if (m.SkippedRows > 0)
            {
                w.Write(" <span class=\"muted\">");
                Html.Text(w, $"{StatisticFormat.Count(m.SkippedRows)} rows with an infinite value left out");
                w.Write("</span>");
            }

            w.WriteLine("</td></tr>");
        }

        w.WriteLine("</tbody></table></section>");
    }

    private static string Threshold(double? value) => value is { } v ? StatisticFormat.Statistic(v) : "none";
}

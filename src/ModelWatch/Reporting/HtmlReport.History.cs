using System.Globalization;
using ModelWatch.Estimation;
using ModelWatch.Monitoring;

namespace ModelWatch.Reporting;

/// <summary>The report's sections over time: multivariate drift and estimated against realised performance per window.</summary>
public static partial class HtmlReport
{
    private static void WriteMultivariateHistory(TextWriter w, IReadOnlyList<DriftReport> history)
    {
        var windows = history.Where(r => r.Multivariate is not null).ToList();
        if (windows.Count == 0)
        {
            return;
        }

        w.WriteLine("<section id=\"multivariate-history\"><h2>Multivariate drift over time</h2>");
        w.WriteLine("<p class=\"muted\">The mean distance of each window's rows from the reference's principal subspace (PCA reconstruction error) with its ± 3 sampling-error band; outside the thresholds from the reference's chunks the relation between the features changed, even where no single feature drifted.</p>");
        w.WriteLine("<table class=\"history\"><thead><tr><th>Window</th><th>Rows</th><th>Error [band]</th><th>Thresholds</th><th>Verdict</th></tr></thead><tbody>");
        foreach (var r in windows)
        {
            var m = r.Multivariate!;
            w.Write("<tr><td>");
            HtmlText.Write(w, WindowLabel(r));
            w.Write("</td>");
            HtmlText.NumberCells(w, StatisticFormat.Count(m.Rows));
            WriteBand(w, m.ReconstructionError);
            HtmlText.NumberCells(w, $"{Bound(m.ReconstructionError.LowerThreshold)} – {Bound(m.ReconstructionError.UpperThreshold)}");
            w.Write("<td>");
            w.Write(m.IsCalibrating ? "<span class=\"info\">calibrating</span>" : m.IsDrift ? "<span class=\"badge drift\">DRIFT</span>" : "<span class=\"badge stable\">ok</span>");
            w.WriteLine("</td></tr>");
        }

        w.WriteLine("</tbody></table></section>");
    }

    private static void WriteEstimatedHistory(TextWriter w, IReadOnlyList<QualityReport> history)
    {
        var windows = history.Where(q => q.Basis == QualityWindowBasis.PredictionTime && q.Estimated is not null).ToList();
        if (windows.Count == 0)
        {
            return;
        }

        w.WriteLine("<section id=\"estimated-history\"><h2>Estimated and realised performance over time</h2>");
        w.WriteLine("<p class=\"muted\">Per prediction-time window, the performance estimated without labels (CBPE, with its ± 3 sampling-error band) beside the realised value of the same predictions as their labels arrived. The estimate follows changes in the inputs; it cannot see a change in how inputs relate to labels, and a realised value far outside the band is one.</p>");
        w.WriteLine("<table class=\"history\"><thead><tr><th>Window</th><th>Predictions</th><th>Labels</th><th>Accuracy: estimated [band]</th><th>realised</th><th>F1: estimated [band]</th><th>realised</th><th>Estimate</th></tr></thead><tbody>");
        foreach (var q in windows)
        {
            var e = q.Estimated!;
            w.Write("<tr><td>");
            HtmlText.Write(w, WindowLabel(q));
            w.Write("</td>");
            HtmlText.NumberCells(w, StatisticFormat.Count(q.Predictions), StatisticFormat.Count(q.Metrics.Outcomes));
            WriteBand(w, e.Get(CbpeMetric.Accuracy));
            HtmlText.NumberCells(w, q.Metrics.Outcomes == 0 ? StatisticFormat.Missing : StatisticFormat.Statistic(q.Metrics.Accuracy));
            WriteBand(w, e.Get(CbpeMetric.F1));
            HtmlText.NumberCells(w, q.Metrics.Outcomes == 0 ? StatisticFormat.Missing : StatisticFormat.Statistic(q.Metrics.F1));
            w.Write("<td>");
            w.Write(e.IsDegraded ? "<span class=\"badge drift\">below threshold</span>" : "<span class=\"badge stable\">ok</span>");
            w.WriteLine("</td></tr>");
        }

        w.WriteLine("</tbody></table></section>");
    }

    /// <summary>A value with its band on a second, smaller line (the tables stay narrow).</summary>
    private static void WriteBand(TextWriter w, ChunkMetric? m) =>
        WriteBand(w, m?.Value, m?.LowerConfidenceBound, m?.UpperConfidenceBound);

    private static void WriteBand(TextWriter w, EstimatedMetric? m) =>
        WriteBand(w, m?.Value, m?.LowerConfidenceBound, m?.UpperConfidenceBound);

    private static void WriteBand(TextWriter w, double? value, double? low, double? high)
    {
        w.Write("<td class=\"n\">");
        HtmlText.Write(w, StatisticFormat.Statistic(value));
        if (low is { } l && high is { } h)
        {
            w.Write("<br/><span class=\"bound\">");
            HtmlText.Write(w, $"[{StatisticFormat.Statistic(l)}, {StatisticFormat.Statistic(h)}]");
            w.Write("</span>");
        }

        w.Write("</td>");
    }

    private static string Bound(double? value) => value is { } v ? StatisticFormat.Statistic(v) : "none";

    private static string WindowLabel(WindowReport r) =>
        r.WindowStart is { } start
            ? start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (r.IsComplete ? string.Empty : " (open)")
            : $"sub-windows {r.FirstSubWindow}–{r.LastSubWindow}";
}

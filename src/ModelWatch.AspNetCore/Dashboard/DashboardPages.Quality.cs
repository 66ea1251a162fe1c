using ModelWatch.AspNetCore.Endpoints;
using ModelWatch.Drift;
using ModelWatch.Estimation;
using ModelWatch.Monitoring;
using ModelWatch.Reporting;

namespace ModelWatch.AspNetCore.Dashboard;

/// <summary>The model page's quality sections: realised quality over time, estimated against realised performance, and per-class figures.</summary>
internal static partial class DashboardPages
{
    private static void Quality(TextWriter w, QualityReport? latest, IReadOnlyList<QualityReport> history)
    {
        Section(w, "quality", "Model quality");
        if (latest is null && history.Count == 0)
        {
            w.WriteLine("<p class=\"muted\">No outcome has been scored (the model declares no task, or no label has arrived yet).</p></section>");
            return;
        }

        var recent = history.Skip(Math.Max(0, history.Count - ChartWindows)).ToList();
        var metric = PrimaryMetric(latest ?? recent[^1]);
        w.Write("<p class=\"muted\">");
        Html.Text(w, $"{metric} per closed outcome-arrival window, oldest first.");
        w.WriteLine("</p>");
        SvgCharts.MetricLine(w, metric.ToString(), [.. recent.Select(q => q.Metrics.Get(metric))]);
        w.WriteLine("<table class=\"quality-table\"><thead><tr><th>Window</th><th>Outcomes</th><th>Accuracy</th><th>F1</th><th>Log loss</th><th>ROC AUC</th><th>MAE</th><th>RMSE</th><th>Degraded</th></tr></thead><tbody>");
        var rows = latest is null ? recent : [.. recent, latest];
        foreach (var q in rows.Distinct())
        {
            var x = q.Metrics;
            w.Write("<tr><td>");
            Html.Text(w, (q.WindowStart is null ? SubWindows(q) : Html.Time(q.WindowStart)) + (q.IsComplete ? string.Empty : " (current)"));
            w.Write("</td>");
            HtmlText.NumberCells(w, StatisticFormat.Count(x.Outcomes), StatisticFormat.Statistic(x.Accuracy), StatisticFormat.Statistic(x.F1), StatisticFormat.Statistic(x.LogLoss), StatisticFormat.Statistic(x.RocAuc), StatisticFormat.Statistic(x.MeanAbsoluteError), StatisticFormat.Statistic(x.RootMeanSquaredError));
            w.Write("<td>");
            w.Write(q.IsDegraded ? "<span class=\"badge alert\">degraded</span>" : "<span class=\"badge ok\">ok</span>");
            foreach (var b in q.Breaches)
            {
                w.Write(" <span class=\"muted\">");
                Html.Text(w, b.ToString());
                w.Write("</span>");
            }

            if (q.ConceptDrift)
            {
                w.Write(" <span class=\"muted\">concept drift</span>");
            }

            w.WriteLine("</td></tr>");
        }

        w.WriteLine("</tbody></table>");
        if ((latest ?? recent.LastOrDefault()) is { } perClass)
        {
            Classes(w, perClass);
        }

        w.WriteLine("</section>");
    }

    /// <summary>
    /// A classifier's performance estimated without labels per prediction-time window, beside the
    /// realised performance of the same predictions as their labels arrive.
    /// </summary>
    private static void Estimated(TextWriter w, IReadOnlyList<QualityReport> history)
    {
        var recent = history.Where(q => q.Estimated is not null).ToList();
        recent = recent.Skip(Math.Max(0, recent.Count - ChartWindows)).ToList();
        if (recent.Count == 0)
        {
            return;
        }

        bool fromReference = recent[^1].Estimated!.FromReference;
        Section(w, "estimated", "Estimated performance (no labels)", fromReference
            ? "CBPE per prediction-time window, calibrated on the labelled reference: the estimate with its ± 3 sampling-error band, the realised value of the same predictions as labels arrive, and the reference's lower threshold. The estimate cannot see a change of the relation between inputs and labels (concept shift): a realised value far from the band is one."
            : "CBPE per prediction-time window from the model's raw probabilities (no labelled reference: no calibration, bands or thresholds), beside the realised value of the same predictions as labels arrive.");
        foreach (var metric in new[] { CbpeMetric.Accuracy, CbpeMetric.F1 })
        {
            SvgCharts.EstimatedVersusRealised(w, metric == CbpeMetric.F1 ? "F1" : "accuracy", [.. recent.Select(q =>
            {
                var e = q.Estimated!.Get(metric);
                double? realised = q.Metrics.Outcomes == 0 ? null : metric == CbpeMetric.F1 ? q.Metrics.F1 : q.Metrics.Accuracy;
                return (e?.Value, e?.LowerConfidenceBound, e?.UpperConfidenceBound, realised, e?.LowerThreshold, WindowLabel(q));
            })]);
        }

        w.WriteLine("<p><span class=\"key ref\"></span>estimated <span class=\"key cur\"></span>realised</p>");
        w.WriteLine("<table class=\"estimated-table\"><thead><tr><th>Window</th><th>Predictions</th><th>Outcomes</th><th>Estimated accuracy</th><th>Realised accuracy</th><th>Estimated F1</th><th>Realised F1</th><th>Estimated ROC AUC</th><th>Estimate</th></tr></thead><tbody>");
        foreach (var q in recent)
        {
            var e = q.Estimated!;
            w.Write("<tr><td>");
            Html.Text(w, WindowLabel(q) + (q.IsComplete ? string.Empty : " (current)"));
            w.Write("</td>");
            HtmlText.NumberCells(w, StatisticFormat.Count(q.Predictions), StatisticFormat.Count(q.Metrics.Outcomes), Band(e.Get(CbpeMetric.Accuracy)), StatisticFormat.Statistic(q.Metrics.Accuracy),
                Band(e.Get(CbpeMetric.F1)), StatisticFormat.Statistic(q.Metrics.F1), Band(e.Get(CbpeMetric.RocAuc)));
            w.Write("<td>");
            w.Write(e.IsDegraded ? "<span class=\"badge alert\">below threshold</span>" : "<span class=\"badge ok\">ok</span>");
            foreach (var m in e.Metrics.Where(m => m.IsDrop))
            {
                w.Write(" <span class=\"muted\">");
                Html.Text(w, EstimatedDrop.Describe(m));
                w.Write("</span>");
            }

            w.WriteLine("</td></tr>");
        }

        w.WriteLine("</tbody></table></section>");
    }

    /// <summary>An estimate and its band: <c>0.8123 [0.7801, 0.8445]</c>; the value alone without a sampling error.</summary>
    private static string Band(EstimatedMetric? m) =>
        m is null ? StatisticFormat.Missing : Band(m.Value, m.LowerConfidenceBound, m.UpperConfidenceBound);

    /// <summary>A value and its band, or the value alone without one.</summary>
    private static string Band(double value, double? low, double? high) =>
        low is { } l && high is { } h
            ? $"{StatisticFormat.Statistic(value)} [{StatisticFormat.Statistic(l)}, {StatisticFormat.Statistic(h)}]"
            : StatisticFormat.Statistic(value);

    private static string WindowLabel(WindowReport r) => r.WindowStart is null ? SubWindows(r) : Html.Time(r.WindowStart);

    /// <summary>A classifier's metrics per class in one window, each class by its name where the model names them.</summary>
    private static void Classes(TextWriter w, QualityReport q)
    {
        if (q.Metrics.Classes.IsEmpty)
        {
            return;
        }

        w.Write("<h3>Per class <span class=\"muted\">");
        Html.Text(w, (q.WindowStart is null ? SubWindows(q) : Html.Time(q.WindowStart)) + (q.IsComplete ? string.Empty : " (current)"));
        w.WriteLine("</span></h3>");
        w.WriteLine("<table class=\"classes\"><thead><tr><th>Class</th><th>Outcomes</th><th>Predicted</th><th>Precision</th><th>Recall</th><th>F1</th></tr></thead><tbody>");
        foreach (var c in q.Metrics.Classes)
        {
            string index = c.ClassIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
            w.Write("<tr data-class=\"");
            Html.Text(w, index);
            w.Write("\"><td>");
            Html.Text(w, VerdictText.ClassName(q.ClassNames, index));
            w.Write("</td>");
            HtmlText.NumberCells(w, StatisticFormat.Count(c.Support), StatisticFormat.Count(c.Predicted), StatisticFormat.Statistic(c.Precision), StatisticFormat.Statistic(c.Recall), StatisticFormat.Statistic(c.F1));
            w.WriteLine("</tr>");
        }

        w.WriteLine("</tbody></table>");
    }

    private static QualityMetric PrimaryMetric(QualityReport q) =>
        q.Metrics.Task == ModelTask.Regression ? QualityMetric.MeanAbsoluteError : QualityMetric.Accuracy;
}

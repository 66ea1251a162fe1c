using ModelWatch.Monitoring;
using ModelWatch.Profiles;

namespace ModelWatch.Reporting;

/// <summary>What <see cref="HtmlReport.Write(TextWriter, DriftReport, Profile, Profile, HtmlReportOptions)"/> adds to a report.</summary>
public sealed class HtmlReportOptions
{
    /// <summary>Gets or sets the page's title; null for "Drift report: <em>model</em>" when the reference profile names its model, else "Drift report".</summary>
    public string? Title { get; set; }

    /// <summary>
    /// Gets or sets the runtime's drift reports to show over time (e.g. <see cref="IModelWatch.GetHistory"/>):
    /// the windows whose report carries multivariate drift are listed with the error against the thresholds.
    /// </summary>
    /// <value>The default value is empty (no section).</value>
    public IReadOnlyList<DriftReport> DriftHistory { get; set; } = [];

    /// <summary>
    /// Gets or sets the runtime's quality reports to show over time: the prediction-time windows whose
    /// report carries a label-free estimate are listed with the estimate beside the realised value.
    /// </summary>
    /// <value>The default value is empty (no section).</value>
    public IReadOnlyList<QualityReport> QualityHistory { get; set; } = [];
}

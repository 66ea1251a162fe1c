namespace ModelWatch.Monitoring;

/// <summary>Carries a new <see cref="QualityReport"/>.</summary>
/// <param name="report">The report.</param>
public sealed class QualityReportEventArgs(QualityReport report) : EventArgs
{
    /// <summary>Gets the report.</summary>
    public QualityReport Report { get; } = report;
}

namespace ModelWatch.Monitoring;

/// <summary>Carries a new <see cref="DriftReport"/>.</summary>
/// <param name="report">The report.</param>
public sealed class DriftReportEventArgs(DriftReport report) : EventArgs
{
    /// <summary>Gets the report.</summary>
    public DriftReport Report { get; } = report;
}

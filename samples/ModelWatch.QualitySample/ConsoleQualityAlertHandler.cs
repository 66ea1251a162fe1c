using System.Globalization;
using ModelWatch.Monitoring;

namespace ModelWatch.QualitySample;

/// <summary>Prints quality alerts as they are raised and cleared.</summary>
internal sealed class ConsoleQualityAlertHandler(QualityEvents events) : IDriftAlertHandler
{
    // Input drift is not this sample's subject: the reference is a whole year, so a four-week window
    // of any one season differs from it, and the input alerts say only that summer is not winter.
    public Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OnQualityAlertAsync(QualityAlert alert, CancellationToken cancellationToken)
    {
        events.Add(alert);
        string kind = alert.Kind == DriftAlertKind.Raised ? "RAISED " : "cleared";
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  quality alert {kind} {alert.Report.WindowStart:yyyy-MM-dd}..{alert.Report.WindowEnd:yyyy-MM-dd}: {(alert.Reasons.IsEmpty ? "quality recovered" : string.Join("; ", alert.Reasons))}"));
        return Task.CompletedTask;
    }
}

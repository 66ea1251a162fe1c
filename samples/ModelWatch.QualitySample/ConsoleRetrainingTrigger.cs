using System.Globalization;
using ModelWatch.Monitoring;

namespace ModelWatch.QualitySample;

/// <summary>
/// Prints retraining requests. A real trigger would start a training pipeline; the request carries
/// the quality report that justified it, so the pipeline can tell which labels to retrain on.
/// </summary>
internal sealed class ConsoleRetrainingTrigger(QualityEvents events) : IRetrainingTrigger
{
    public Task OnRetrainingNeededAsync(RetrainingRequest request, CancellationToken cancellationToken)
    {
        // Input-drift requests are skipped for the reason given in ConsoleQualityAlertHandler.
        if (request.Quality is { } quality)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  retraining requested for {request.ModelName} v{request.ModelVersion}, on outcomes that arrived {quality.WindowStart:yyyy-MM-dd}..{quality.WindowEnd:yyyy-MM-dd}: {request.Reason}"));
        }

        events.Add(request);
        return Task.CompletedTask;
    }
}

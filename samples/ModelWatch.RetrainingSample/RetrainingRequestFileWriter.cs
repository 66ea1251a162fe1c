using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using ModelWatch.Monitoring;

namespace ModelWatch.RetrainingSample;

/// <summary>
/// A retraining trigger that drops a request file into a folder a training pipeline watches: the
/// simplest hand-over to an existing MLOps setup (a cron job, a file-triggered workflow).
/// </summary>
internal sealed partial class RetrainingRequestFileWriter(RequestFolder folder, ILogger<RetrainingRequestFileWriter> logger) : IRetrainingTrigger
{
    public async Task OnRetrainingNeededAsync(RetrainingRequest request, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder.Path);
        string name = $"{request.ModelName}-{request.ModelVersion}-{request.At.UtcDateTime.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture)}.txt";
        string path = System.IO.Path.Combine(folder.Path, name);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"model: {request.ModelName}")
            .AppendLine(CultureInfo.InvariantCulture, $"version: {request.ModelVersion}")
            .AppendLine(CultureInfo.InvariantCulture, $"reason: {request.Reason}")
            .AppendLine(CultureInfo.InvariantCulture, $"window: {request.Report.WindowStart:O} .. {request.Report.WindowEnd:O}")
            .AppendLine(CultureInfo.InvariantCulture, $"drifted features: {string.Join(", ", request.Report.Features.Where(f => f.IsDrift && !f.IsPrediction).Select(f => f.Name))}");
        await File.WriteAllTextAsync(path, text.ToString(), cancellationToken);
        LogWroteRequest(logger, path);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Wrote retraining request {Path}")]
    private static partial void LogWroteRequest(ILogger logger, string path);
}

/// <summary>Where <see cref="RetrainingRequestFileWriter"/> writes.</summary>
/// <param name="Path">The folder.</param>
internal sealed record RequestFolder(string Path);

using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// One model's state read once per request, so that the JSON and the HTML of one response agree even
/// while the evaluator publishes new reports. <see cref="AlertingSegments"/>: the segments whose drift
/// or quality alert is active (null for a model that is not segmented).
/// </summary>
internal sealed record ModelView(
    string Name,
    string CurrentVersion,
    IReadOnlyList<ModelVersionJson> Versions,
    DriftReport? Latest,
    QualityReport? Quality,
    bool DriftAlert,
    bool QualityAlert,
    IReadOnlyList<string>? AlertingSegments)
{
    /// <summary>
    /// Gets one word for the model's state, worst first: <c>qualityAlert</c>, <c>driftAlert</c>,
    /// <c>drift</c> (the latest window drifted, no alert yet), <c>stable</c>, <c>noData</c>
    /// (nothing evaluated, an empty window or no reference yet).
    /// </summary>
    public string Status =>
        QualityAlert ? "qualityAlert"
        : DriftAlert ? "driftAlert"
        : Latest is not { Status: DriftReportStatus.Evaluated } ? "noData"
        : Latest.IsDrift || Latest.Features.Any(f => f.IsDrift) ? "drift"
        : "stable";

    /// <summary>The names of the monitored models, in registration order, each once.</summary>
    public static IReadOnlyList<string> Names(IModelWatch watch)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in watch.Models)
        {
            if (seen.Add(m.Name))
            {
                names.Add(m.Name);
            }
        }

        return names;
    }

    /// <summary>Reads a model's state, or returns null when no model has that name.</summary>
    public static ModelView? Read(IModelWatch watch, string name)
    {
        var versions = new List<ModelVersionJson>();
        string? current = null;
        bool segmented = false;
        foreach (var m in watch.Models)
        {
            if (string.Equals(m.Name, name, StringComparison.Ordinal))
            {
                versions.Add(new ModelVersionJson(m.Version, m.IsCurrent, m.HasReference));
                current = m.IsCurrent ? m.Version : current;
                segmented = m.IsCurrent ? m.IsSegmented : segmented;
            }
        }

        if (versions.Count == 0)
        {
            return null;
        }

        try
        {
            return new ModelView(
                name,
                current ?? versions[^1].Version,
                versions,
                watch.GetLatestReport(name),
                watch.GetLatestQualityReport(name),
                watch.IsAlertActive(name),
                watch.IsQualityAlertActive(name),
                segmented ? watch.GetAlertingSegments(name) : null);
        }
        catch (KeyNotFoundException)
        {
            // Listed but gone by the time it was read: the registry changed during the request.
            return null;
        }
    }
}

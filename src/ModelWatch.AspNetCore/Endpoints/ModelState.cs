using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// What the model list shows and filters on for one model, read once per request: its latest drift
/// report, its alerts, and (a segmented model) the segments whose alert is active.
/// </summary>
internal readonly record struct ModelState(DriftReport? Latest, bool DriftAlert, bool QualityAlert, IReadOnlyList<string>? AlertingSegments)
{
    /// <summary>Gets the status word (see <see cref="StatusOf"/>).</summary>
    public string Status => StatusOf(Latest, DriftAlert, QualityAlert);

    /// <summary>Gets a value indicating whether a drift or quality alert is active on the model or on one of its segments.</summary>
    public bool IsAlerting => DriftAlert || QualityAlert || AlertingSegments is { Count: > 0 };

    /// <summary>Gets a value indicating whether the latest evaluated window drifted (see <see cref="Drifted"/>).</summary>
    public bool IsDrifting => Drifted(Latest);

    /// <summary>Gets a value indicating whether nothing has been evaluated yet, the window was empty or there is no reference.</summary>
    public bool HasNoData => Latest is not { Status: DriftReportStatus.Evaluated };

    /// <summary>
    /// One word for a model's state, worst first: <c>qualityAlert</c>, <c>driftAlert</c>, <c>drift</c>
    /// (the latest window drifted, no alert yet), <c>stable</c>, <c>noData</c> (nothing evaluated, an
    /// empty window or no reference yet).
    /// </summary>
    public static string StatusOf(DriftReport? latest, bool driftAlert, bool qualityAlert) =>
        qualityAlert ? "qualityAlert"
        : driftAlert ? "driftAlert"
        : latest is not { Status: DriftReportStatus.Evaluated } ? "noData"
        : Drifted(latest) ? "drift"
        : "stable";

    /// <summary>Whether an evaluated report drifted: its dataset verdict, or any column's (the prediction's included).</summary>
    public static bool Drifted(DriftReport? report)
    {
        if (report is not { Status: DriftReportStatus.Evaluated })
        {
            return false;
        }

        if (report.IsDrift)
        {
            return true;
        }

        // A loop rather than LINQ: the list reads this for every model on every request.
        foreach (var feature in report.Features)
        {
            if (feature.IsDrift)
            {
                return true;
            }
        }

        return false;
    }
}

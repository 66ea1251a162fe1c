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
    /// <summary>Gets one word for the model's state, worst first (see <see cref="ModelState.StatusOf"/>).</summary>
    public string Status => ModelState.StatusOf(Latest, DriftAlert, QualityAlert);

    /// <summary>Gets a value indicating whether the latest evaluated window drifted (see <see cref="ModelState.Drifted"/>).</summary>
    public bool IsDrifting => ModelState.Drifted(Latest);

    /// <summary>Reads a model's state, or returns null when no model has that name.</summary>
    public static ModelView? Read(IModelWatch watch, string name)
    {
        var catalog = ModelCatalog.Read(watch);
        int index = catalog.IndexOf(name);
        return index >= 0 && catalog.TryReadState(watch, index, out var state) ? catalog.View(watch, index, state) : null;
    }
}

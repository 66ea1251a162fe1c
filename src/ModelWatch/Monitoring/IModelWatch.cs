namespace ModelWatch.Monitoring;

/// <summary>
/// The registry of monitored models: monitors to log into, the latest reports and their history,
/// evaluation on demand, and a stream of new reports.
/// </summary>
public interface IModelWatch
{
    /// <summary>Gets the models and versions being monitored.</summary>
    IReadOnlyList<ModelInfo> Models { get; }

    /// <summary>
    /// Gets the monitor of a model's current version. The handle follows new versions rolled out
    /// with <see cref="AddModel"/>, so resolve it once and keep it.
    /// </summary>
    /// <param name="modelName">The model's name.</param>
    /// <returns>The monitor.</returns>
    /// <exception cref="KeyNotFoundException">No model has that name (a configuration error).</exception>
    IModelMonitor GetMonitor(string modelName);

    /// <summary>Gets the monitor of one version of a model.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="version">The version.</param>
    /// <returns>The monitor.</returns>
    /// <exception cref="KeyNotFoundException">No such model or version.</exception>
    IModelMonitor GetMonitor(string modelName, string version);

    /// <summary>
    /// Adds a model, or a new version of one (which becomes its current version), while the host runs.
    /// Earlier versions keep their monitors and history.
    /// </summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="configure">Declares the model.</param>
    /// <returns>The new version's monitor.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The declaration is invalid; every problem is listed.</exception>
    /// <exception cref="InvalidOperationException">That name and version are already monitored.</exception>
    IModelMonitor AddModel(string modelName, Action<ModelBuilder> configure);

    /// <summary>
    /// Stops monitoring a model and every version of it while the host runs — a per-entity model
    /// whose entity went away. It leaves <see cref="Models"/>, its reports, alerts and metrics go
    /// with it, and its memory is released once no caller holds one of its monitors (logging into a
    /// monitor kept from before changes nothing ModelWatch reports). An evaluation pass under way
    /// finishes first, so no report or alert of the model is published after the returned task
    /// completes. With a store, this replica's snapshots of the model are deleted, so a restart that
    /// declares it again starts it afresh; saved window profiles stay for other replicas. Adding the
    /// model again later starts a new model.
    /// </summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="cancellationToken">
    /// Stops waiting: while an evaluation pass is under way, the model stays monitored; once it is
    /// removed, while its snapshots are being deleted, those not yet deleted stay in the store.
    /// </param>
    /// <returns>Whether the model was monitored.</returns>
    Task<bool> RemoveModelAsync(string modelName, CancellationToken cancellationToken = default);

    /// <summary>Gets the newest report of a model's current version, or null before its first evaluation.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <returns>The report.</returns>
    DriftReport? GetLatestReport(string modelName);

    /// <summary>
    /// Gets the newest report of one segment of a segmented model's current version (its features'
    /// verdicts are those of the segment-wide correction), or null before the segment's first evaluation.
    /// </summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="segment">The segment's name (see <see cref="SegmentDriftResult.Name"/>), or <see cref="SegmentNames.Other"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidOperationException">The model is not segmented.</exception>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    DriftReport? GetLatestReport(string modelName, string segment);

    /// <summary>Gets a value indicating whether a segment's drift alert is active (a segmented model's current version).</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="segment">The segment's name, or <see cref="SegmentNames.Other"/>.</param>
    /// <returns>Whether the segment's drift alert is active; false for a segment that has had none.</returns>
    /// <exception cref="InvalidOperationException">The model is not segmented.</exception>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    bool IsAlertActive(string modelName, string segment);

    /// <summary>
    /// Gets a segment's newest quality report by outcome-arrival window (the current window, or the
    /// last closed one), or null while none of its outcomes has been scored. An outcome counts in the
    /// segment its prediction was logged in.
    /// </summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="segment">The segment's name, or <see cref="SegmentNames.Other"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidOperationException">The model is not segmented.</exception>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    QualityReport? GetLatestQualityReport(string modelName, string segment);

    /// <summary>
    /// Gets the segments of a model's current version whose drift or quality alert is active, sorted
    /// by name (empty for a model that is not segmented, and while none is active).
    /// </summary>
    /// <param name="modelName">The model's name.</param>
    /// <returns>The segments' names.</returns>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    IReadOnlyList<string> GetAlertingSegments(string modelName);

    /// <summary>Gets a value indicating whether a segment's quality alert is active (a segmented model's current version).</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="segment">The segment's name, or <see cref="SegmentNames.Other"/>.</param>
    /// <returns>Whether the segment's quality alert is active; false for a model without a task.</returns>
    /// <exception cref="InvalidOperationException">The model is not segmented.</exception>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    bool IsQualityAlertActive(string modelName, string segment);

    /// <summary>Gets the reports of a model's closed windows (current version), oldest first, at most the configured history.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <returns>
    /// The reports. A segmented model's entries list every segment's result with a compact report
    /// (window, counts, dataset verdict; no per-feature reports), so the history's memory grows by a
    /// summary per segment and window; <see cref="GetLatestReport(string)"/> has them in full.
    /// </returns>
    IReadOnlyList<DriftReport> GetHistory(string modelName);

    /// <summary>
    /// Gets a segment's results in the closed windows of the history (current version), oldest first:
    /// per window its status, verdict, drifted features, predictions, realised quality and a compact
    /// report (window and counts, no per-feature reports). Windows in which the segment had no rows are absent.
    /// </summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="segment">The segment's name, or <see cref="SegmentNames.Other"/>.</param>
    /// <returns>The results.</returns>
    /// <exception cref="InvalidOperationException">The model is not segmented.</exception>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    IReadOnlyList<SegmentDriftResult> GetSegmentHistory(string modelName, string segment);

    /// <summary>
    /// Gets a value indicating whether a drift alert is active for a model's current version: the
    /// whole model's, or a segmented model's alert on the share of drifted segments
    /// (<see cref="SegmentOptions.AlertShare"/>); a single segment's alert is
    /// <see cref="IsAlertActive(string, string)"/>.
    /// </summary>
    /// <param name="modelName">The model's name.</param>
    /// <returns>Whether an alert is active.</returns>
    bool IsAlertActive(string modelName);

    /// <summary>
    /// Gets the newest quality report of a model's current version by outcome-arrival window (the
    /// current window, or the last closed one), or null while no outcome has been scored.
    /// </summary>
    /// <param name="modelName">The model's name.</param>
    /// <returns>The report.</returns>
    QualityReport? GetLatestQualityReport(string modelName);

    /// <summary>Gets the quality reports of a model's current version, oldest first, at most the configured history.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="basis">
    /// <see cref="QualityWindowBasis.OutcomeArrival"/>: closed arrival windows (final);
    /// <see cref="QualityWindowBasis.PredictionTime"/>: prediction windows with the outcomes joined so far (updated as labels arrive).
    /// </param>
    /// <returns>The reports.</returns>
    IReadOnlyList<QualityReport> GetQualityHistory(string modelName, QualityWindowBasis basis);

    /// <summary>Gets a value indicating whether a quality alert is active for a model's current version.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <returns>Whether a quality alert is active.</returns>
    bool IsQualityAlertActive(string modelName);

    /// <summary>Gets what became of a model's (current version's) predictions logged with an id and of their outcomes.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <returns>The counts; all zero when the model declares no task.</returns>
    OutcomeCounts GetOutcomeCounts(string modelName);

    /// <summary>Raised for every new quality report (as <see cref="ReportPublished"/> is for drift reports).</summary>
    event EventHandler<QualityReportEventArgs>? QualityReportPublished;

    /// <summary>Evaluates every model now (the background evaluator does this on its interval).</summary>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The reports made, closed windows first then each model's current window.</returns>
    Task<IReadOnlyList<DriftReport>> EvaluateAsync(CancellationToken cancellationToken = default);

    /// <summary>Raised for every new report (closed windows and current windows).</summary>
    /// <remarks>
    /// Subscribers run like alert handlers: in report order, on a thread-pool thread, before
    /// <see cref="EvaluateAsync"/> returns. One that throws is logged and counted
    /// (<c>modelwatch.handler.errors</c>); when subscribers are still running after
    /// <see cref="ModelWatchOptions.HandlerTimeout"/>, evaluation stops waiting for them (logged,
    /// counted as <c>timeout</c>) and the event is not raised again until they return (the reports
    /// in between are counted as <c>dropped</c>). <see cref="WatchReportsAsync"/> never holds evaluation up.
    /// </remarks>
    event EventHandler<DriftReportEventArgs>? ReportPublished;

    /// <summary>Streams new reports as they are made, until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The reports; a slow reader loses the oldest beyond 1,024 waiting reports (counted in <c>modelwatch.handler.errors</c> as <c>dropped</c>).</returns>
    IAsyncEnumerable<DriftReport> WatchReportsAsync(CancellationToken cancellationToken = default);
}

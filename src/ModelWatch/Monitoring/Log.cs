using Microsoft.Extensions.Logging;

namespace ModelWatch.Monitoring;

/// <summary>
/// Source-generated log messages. Event ids: 1xx configuration, 2xx evaluation, 3xx alerts,
/// 4xx persistence. Nothing is logged per prediction.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Information, "Monitoring model {Model} version {Version} ({NumericColumns} numeric and {CategoricalColumns} categorical columns).")]
    public static partial void ModelAdded(ILogger logger, string model, string version, int numericColumns, int categoricalColumns);

    [LoggerMessage(102, LogLevel.Information, "Reference of model {Model} version {Version} loaded: {Rows} rows ({Source}).")]
    public static partial void ReferenceLoaded(ILogger logger, string model, string version, long rows, string source);

    [LoggerMessage(103, LogLevel.Error, "The reference of model {Model} version {Version} could not be loaded ({Reason}); the model reports data quality only until a reference exists.")]
    public static partial void ReferenceFactoryFailed(ILogger logger, Exception exception, string model, string version, string reason);

    [LoggerMessage(104, LogLevel.Warning, "A production reference for model {Model} version {Version} could not be built yet: {Reason}")]
    public static partial void ProductionReferenceNotReady(ILogger logger, string model, string version, string reason);

    [LoggerMessage(105, LogLevel.Information, "Model {Model} version {Version} retired after {Idle} without predictions or outcomes (a newer version is current): it is no longer evaluated, saved or exported, and its memory is released.")]
    public static partial void VersionRetired(ILogger logger, string model, string version, TimeSpan idle);

    [LoggerMessage(107, LogLevel.Information, "Model {Model} removed ({Versions} versions): it is no longer evaluated, saved or exported, and its memory is released once no caller holds one of its monitors.")]
    public static partial void ModelRemoved(ILogger logger, string model, int versions);

    [LoggerMessage(201, LogLevel.Error, "Evaluating model {Model} version {Version} failed; other models are unaffected.")]
    public static partial void EvaluationFailed(ILogger logger, Exception exception, string model, string version);

    [LoggerMessage(202, LogLevel.Warning, "A report subscriber of model {Model} threw; it is ignored.")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception, string model);

    [LoggerMessage(203, LogLevel.Warning, "Model {Model} version {Version}: windows close faster than they are evaluated; {Predictions} predictions in the oldest waiting sub-windows were dropped unevaluated (at most {Limit} sub-windows wait; the totals keep every prediction).")]
    public static partial void SubWindowsDropped(ILogger logger, string model, string version, long predictions, int limit);

    [LoggerMessage(204, LogLevel.Warning, "{Event} subscribers are still running {Timeout} after a delivery began; {Reports} new reports of model {Model} were not raised to them, nor will be until they return (WatchReportsAsync streams without waiting).")]
    public static partial void SubscribersBehind(ILogger logger, string @event, TimeSpan timeout, int reports, string model);

    [LoggerMessage(205, LogLevel.Information, "Model {Model} version {Version}: {Count} segments admitted by weight at the close of a window, each in place of the lightest tracked one, which counts in (other) from now on: {Replacements}.")]
    public static partial void SegmentsReplaced(ILogger logger, string model, string version, int count, string replacements);

    [LoggerMessage(301, LogLevel.Warning, "Drift alert raised for model {Model} version {Version}: {Drifted} of {Features} features drifted ({DriftedFeatures}).")]
    public static partial void AlertRaised(ILogger logger, string model, string version, int drifted, int features, string driftedFeatures);

    [LoggerMessage(302, LogLevel.Information, "Drift alert cleared for model {Model} version {Version}.")]
    public static partial void AlertCleared(ILogger logger, string model, string version);

    [LoggerMessage(303, LogLevel.Error, "{Handler} failed on an alert of model {Model}.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string handler, string model);

    [LoggerMessage(304, LogLevel.Error, "{Handler} did not finish within {Timeout} on an alert of model {Model}; it was abandoned.")]
    public static partial void HandlerTimedOut(ILogger logger, string handler, TimeSpan timeout, string model);

    [LoggerMessage(305, LogLevel.Information, "Retraining requested for model {Model} version {Version}: {Reason}.")]
    public static partial void RetrainingRequested(ILogger logger, string model, string version, string reason);

    [LoggerMessage(401, LogLevel.Information, "Model {Model} version {Version} restored from {Source}: {Windows} windows in progress, {Events} predictions so far.")]
    public static partial void SnapshotRestored(ILogger logger, string model, string version, string source, int windows, long events);

    [LoggerMessage(402, LogLevel.Warning, "Model {Model} version {Version}: {Source} could not be read and was skipped: {Reason}")]
    public static partial void SnapshotUnreadable(ILogger logger, Exception exception, string model, string version, string source, string reason);

    [LoggerMessage(403, LogLevel.Warning, "Model {Model} version {Version} restored from {Source} in part: {Note}.")]
    public static partial void SnapshotRestoredInPart(ILogger logger, string model, string version, string source, string note);

    [LoggerMessage(404, LogLevel.Error, "Saving the snapshot of model {Model} version {Version} to {Target} failed; the previous snapshot is kept and the next interval retries.")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, string model, string version, string target);

    [LoggerMessage(405, LogLevel.Error, "Saving the window profile of model {Model} version {Version} to {Target} failed; it stays queued and the next interval retries.")]
    public static partial void WindowProfileFailed(ILogger logger, Exception exception, string model, string version, string target);

    [LoggerMessage(406, LogLevel.Warning, "Model {Model} version {Version}: {Dropped} window profiles waiting for the store were dropped (the store has been failing; at most {Limit} are held).")]
    public static partial void WindowProfilesDropped(ILogger logger, string model, string version, int dropped, int limit);

    [LoggerMessage(407, LogLevel.Warning, "Model {Model} version {Version}: removing old window profiles from the store failed; the next interval retries.")]
    public static partial void WindowProfilePruneFailed(ILogger logger, Exception exception, string model, string version);

    [LoggerMessage(408, LogLevel.Information, "Model {Model} version {Version}: {Moved} entries of the first store layout were moved into the layout by replica (this replica: {Replica}).")]
    public static partial void StoreLayoutUpgraded(ILogger logger, string model, string version, int moved, string replica);

    [LoggerMessage(409, LogLevel.Information, "Model {Model} version {Version}: replica {Replica} has no snapshot in the store and starts afresh; replicas {Others} have theirs (a replica restores only its own: keep ReplicaId stable across restarts).")]
    public static partial void OtherReplicasSnapshots(ILogger logger, string model, string version, string replica, string others);

    [LoggerMessage(412, LogLevel.Warning, "Model {Model} version {Version} was removed, but its snapshot {Entry} could not be deleted; a restart that declares the model again would restore it.")]
    public static partial void RemovedSnapshotNotDeleted(ILogger logger, Exception exception, string model, string version, string entry);

    [LoggerMessage(410, LogLevel.Warning, "Model {Model} version {Version}: moving the entries of the first store layout failed; they are left as they are and the next start retries.")]
    public static partial void StoreLayoutUpgradeFailed(ILogger logger, Exception exception, string model, string version);

    [LoggerMessage(411, LogLevel.Error, "Model {Model} version {Version} is monitored but never saved: {Problems}")]
    public static partial void StoreCannotHold(ILogger logger, string model, string version, string problems);

    [LoggerMessage(307, LogLevel.Warning, "Quality alert raised for model {Model} version {Version}: {Reasons}.")]
    public static partial void QualityAlertRaised(ILogger logger, string model, string version, string reasons);

    [LoggerMessage(308, LogLevel.Information, "Quality alert cleared for model {Model} version {Version}.")]
    public static partial void QualityAlertCleared(ILogger logger, string model, string version);

    [LoggerMessage(306, LogLevel.Information, "Retraining of model {Model} version {Version} is still in flight; this request is skipped.")]
    public static partial void RetrainingSkipped(ILogger logger, string model, string version);

    [LoggerMessage(106, LogLevel.Warning, "Multivariate drift for model {Model} version {Version} could not be fitted on its production reference and stays off for this version: {Reason}")]
    public static partial void MultivariateNotFitted(ILogger logger, string model, string version, string reason);
}

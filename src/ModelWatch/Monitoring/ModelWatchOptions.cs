using System.ComponentModel.DataAnnotations;

namespace ModelWatch.Monitoring;

/// <summary>Settings that apply to every monitored model.</summary>
/// <remarks>
/// Bound from the <c>ModelWatch</c> configuration section by
/// <c>services.AddModelWatch(configuration.GetSection("ModelWatch"))</c>; models under
/// <c>ModelWatch:Models:&lt;name&gt;</c> are bound to <see cref="ModelOptions"/>.
/// </remarks>
public sealed class ModelWatchOptions
{
    internal static readonly TimeSpan DefaultEvaluationInterval = TimeSpan.FromMinutes(1);
    internal static readonly TimeSpan DefaultHandlerTimeout = TimeSpan.FromSeconds(10);
    internal static readonly TimeSpan DefaultSnapshotInterval = TimeSpan.FromMinutes(1);
    internal static readonly TimeSpan DefaultRetireIdleVersionsAfter = TimeSpan.FromDays(1);

    /// <summary>Gets or sets how often the background evaluator compares every model's windows with its reference.</summary>
    /// <value>The default value is one minute.</value>
    public TimeSpan EvaluationInterval { get; set; } = DefaultEvaluationInterval;

    /// <summary>Gets or sets how long an alert handler, retraining trigger or report subscriber may run before it is abandoned.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan HandlerTimeout { get; set; } = DefaultHandlerTimeout;

    /// <summary>
    /// Gets or sets the number of shards per model (0: the next power of two at or above the processor
    /// count, at most 64). More shards mean less contention between logging threads and more memory.
    /// </summary>
    /// <value>The default value is 0 (automatic).</value>
    [Range(0, 256)]
    public int ShardCount { get; set; }

    /// <summary>
    /// Gets or sets how many models an evaluation pass evaluates at once (0: the processor count).
    /// Each model is evaluated by one thread under its own lock; reports are published and alerts
    /// dispatched afterwards, in model order.
    /// </summary>
    /// <value>The default value is 0 (automatic).</value>
    [Range(0, 1_024)]
    public int EvaluationParallelism { get; set; }

    /// <summary>
    /// Gets or sets how often each monitor's state is saved to the profile store (with a store
    /// registered through <c>UseFileStore</c> or <c>UseStore</c>); it is also saved when the host stops,
    /// so a crash loses at most one interval.
    /// </summary>
    /// <value>The default value is one minute.</value>
    public TimeSpan SnapshotInterval { get; set; } = DefaultSnapshotInterval;

    /// <summary>
    /// Gets or sets this process's name among the replicas that share a store (1 to 64 ASCII letters,
    /// digits, '-' or '_'): every entry it saves — snapshots and window profiles — is kept under it, and
    /// at start-up it restores only its own, so keep it stable across restarts. Null: the machine name
    /// (a container's host name), with other characters replaced by '-'.
    /// </summary>
    /// <value>The default value is null (the machine name).</value>
    public string? ReplicaId { get; set; }

    /// <summary>
    /// Gets or sets how many of its window profiles each replica keeps in the store per model version
    /// at most (the newest; older ones are deleted).
    /// </summary>
    /// <value>The default value is 168 (a week of hourly windows).</value>
    [Range(1, 1_000_000)]
    public int WindowProfileMaxCount { get; set; } = 168;

    /// <summary>
    /// Gets or sets how long a model version that is no longer its model's current version may go
    /// without traffic — no prediction, no outcome, none waiting for an outcome — before it is
    /// retired: no longer evaluated, saved or exported, and its memory released (its last snapshot
    /// stays in the store). <see cref="Timeout.InfiniteTimeSpan"/> keeps every version.
    /// </summary>
    /// <value>The default value is one day.</value>
    public TimeSpan RetireIdleVersionsAfter { get; set; } = DefaultRetireIdleVersionsAfter;

    /// <summary>Gets or sets the age after which a time window's saved profile is deleted (counted from the window's start).</summary>
    /// <value>The default value is seven days.</value>
    public TimeSpan WindowProfileMaxAge { get; set; } = TimeSpan.FromDays(7);
}

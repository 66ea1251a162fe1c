using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;
using ModelWatch.Profiles;

namespace ModelWatch.Persistence;

/// <summary>
/// Keeps monitors in a profile store: restores each from this replica's newest readable snapshot at
/// start-up, saves snapshots (alternating between two entries, backing off while the store fails)
/// and the profiles of closed windows, and prunes this replica's old window profiles. Every entry it
/// writes, reads or deletes is this replica's (<see cref="StoreLayout"/>); at start-up it moves a
/// model version's entries of the first layout (<see cref="LegacyLayout"/>) into it.
/// </summary>
/// <remarks>
/// It works from what Monitoring exports: a <see cref="MonitorSnapshot"/> captured under the
/// monitor's collect lock (logging never waits) and the closed windows the evaluator kept. Writes
/// happen outside the lock.
/// </remarks>
internal sealed partial class SnapshotScheduler
{
    /// <summary>The longest back-off between snapshot attempts of a failing monitor: 2^4 = 16 intervals.</summary>
    private const int MaxBackoffShift = 4;

    private readonly ModelRegistry _registry;
    private readonly IProfileStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    // Weakly keyed: a retired version's monitor is not kept alive by its save state.
    private readonly ConditionalWeakTable<ModelMonitor, SaveState> _saves = [];

    // One save pass at a time, and removed models' snapshots deleted only between passes: a pass
    // that began before a model was removed may still write its snapshot.
    private readonly SemaphoreSlim _pass = new(1, 1);

    public SnapshotScheduler(ModelRegistry registry, IProfileStore store, TimeProvider time, ILogger<SnapshotScheduler>? logger = null)
    {
        _registry = registry;
        _store = store;
        _time = time;
        _logger = logger ?? NullLogger<SnapshotScheduler>.Instance;
        SnapshotEntries = StoreLayout.Snapshots(registry.ReplicaId);
    }

    /// <summary>The store the scheduler saves to.</summary>
    public IProfileStore Store => _store;

    /// <summary>The two entries this replica's snapshots of a model version alternate between.</summary>
    public IReadOnlyList<string> SnapshotEntries { get; }

    private ModelWatchMetrics Metrics => _registry.Metrics;

    /// <summary>
    /// Restores every monitor from this replica's newest readable snapshot that fits the model. A
    /// damaged entry is logged with where it lives and skipped (the other entry holds the previous
    /// snapshot); a model with no usable snapshot starts empty. Strict models stop the host instead.
    /// Other replicas' snapshots are never read.
    /// </summary>
    /// <exception cref="OptionsValidationException">The store cannot hold some model version's entries (every one is listed).</exception>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        // A configuration the store cannot hold stops the host before anything is read or written.
        string[] problems = [.. _registry.Monitors.SelectMany(m => StateOf(m).CheckLimits(_store, m))];
        if (problems.Length > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ModelWatchOptions), problems);
        }

        foreach (var monitor in _registry.Monitors)
        {
            await UpgradeAsync(monitor, cancellationToken).ConfigureAwait(false);
            bool found = false;
            var readable = new List<(MonitorSnapshot Snapshot, string Source, int Slot)>(SnapshotEntries.Count);
            for (int slot = 0; slot < SnapshotEntries.Count; slot++)
            {
                string source = _store.Describe(monitor.ModelName, monitor.ModelVersion, SnapshotEntries[slot]);
                try
                {
                    var stream = await _store.OpenReadAsync(monitor.ModelName, monitor.ModelVersion, SnapshotEntries[slot], cancellationToken).ConfigureAwait(false);
                    if (stream is null)
                    {
                        continue;
                    }

                    found = true;
                    await using (stream.ConfigureAwait(false))
                    {
                        readable.Add((await SnapshotFile.ReadAsync(stream, source, cancellationToken).ConfigureAwait(false), source, slot));
                    }
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException && !monitor.Definition.Strict)
                {
                    Unreadable(monitor, source, ex);
                }
            }

            // Newest first (by save time, then by save count: a clock that did not move between two saves); one that does not fit the model is skipped like an unreadable one.
            foreach (var (snapshot, source, slot) in readable.OrderByDescending(r => r.Snapshot.SavedAt).ThenByDescending(r => r.Snapshot.Sequence))
            {
                if (Restore(monitor, snapshot, source))
                {
                    StateOf(monitor).NextSlot = 1 - slot;
                    StateOf(monitor).Sequence = snapshot.Sequence;
                    break;
                }
            }

            if (!found)
            {
                await NameOtherReplicasAsync(monitor, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Moves the model version's entries of the first layout into this one; a failure is logged and counted, and retried at the next start.</summary>
    private async Task UpgradeAsync(ModelMonitor monitor, CancellationToken cancellationToken)
    {
        try
        {
            int moved = await LegacyLayout.UpgradeAsync(_store, monitor.ModelName, monitor.ModelVersion, _registry.ReplicaId, cancellationToken).ConfigureAwait(false);
            if (moved > 0)
            {
                Log.StoreLayoutUpgraded(_logger, monitor.ModelName, monitor.ModelVersion, moved, _registry.ReplicaId);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.StoreLayoutUpgradeFailed(_logger, ex, monitor.ModelName, monitor.ModelVersion);
            Metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, ex.GetType().Name));
        }
    }

    /// <summary>
    /// A replica without snapshots of its own starts afresh even when others have some (restoring
    /// theirs would double-count their traffic); it says whose exist, for a replica whose id changed.
    /// </summary>
    private async Task NameOtherReplicasAsync(ModelMonitor monitor, CancellationToken cancellationToken)
    {
        try
        {
            var others = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string entry in await _store.ListAsync(monitor.ModelName, monitor.ModelVersion, cancellationToken).ConfigureAwait(false))
            {
                if (StoreLayout.TryParse(entry, out string replica, out string kind, out _) && kind == StoreLayout.SnapshotKind)
                {
                    others.Add(replica);
                }
            }

            if (others.Count > 0)
            {
                Log.OtherReplicasSnapshots(_logger, monitor.ModelName, monitor.ModelVersion, _registry.ReplicaId, string.Join(", ", others));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only a hint: the monitor starts afresh either way, and a failing store shows in the saves that follow.
        }
    }

    /// <summary>
    /// Saves every monitor's state, into the entry that does not hold its last good snapshot, then
    /// the profiles of its closed windows.
    /// </summary>
    /// <param name="cancellationToken">Stops the saves.</param>
    /// <param name="final">The save at shutdown: it ignores the back-off.</param>
    /// <remarks>
    /// A monitor whose saves keep failing backs off: after n failures in a row the next attempt
    /// waits 2^(n−1) intervals (at most 16), so a full or read-only disk is not hammered every interval.
    /// </remarks>
    public async Task SnapshotAsync(CancellationToken cancellationToken, bool final = false)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SnapshotEachAsync(final, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task SnapshotEachAsync(bool final, CancellationToken cancellationToken)
    {
        foreach (var monitor in _registry.Monitors)
        {
            var save = StateOf(monitor);
            if (!save.LimitsChecked && save.CheckLimits(_store, monitor) is [_, ..] problems)
            {
                // A version added at run time that the store cannot hold: said once, never attempted.
                Log.StoreCannotHold(_logger, monitor.ModelName, monitor.ModelVersion, string.Join(" ", problems));
                Metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, "store_limit"));
            }

            if (save.Refused || (!final && save.RetryAt > _time.GetUtcNow()))
            {
                continue;
            }

            var snapshot = MonitorSnapshots.Take(monitor, _time.GetUtcNow());
            snapshot.Sequence = ++save.Sequence;
            string entry = SnapshotEntries[save.NextSlot];
            try
            {
                await WriteAsync(monitor, entry, stream => SnapshotFile.Write(snapshot, stream), cancellationToken).ConfigureAwait(false);
                save.NextSlot = 1 - save.NextSlot;
                save.Failures = 0;
                save.RetryAt = DateTimeOffset.MinValue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.SnapshotFailed(_logger, ex, monitor.ModelName, monitor.ModelVersion, _store.Describe(monitor.ModelName, monitor.ModelVersion, entry));
                Metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, ex.GetType().Name));
                save.Failures++;
                int backoff = 1 << Math.Min(save.Failures - 1, MaxBackoffShift);

                // Half an interval early, so the tick that is due is not missed by timer jitter.
                save.RetryAt = _time.GetUtcNow() + (_registry.Options.SnapshotInterval * (backoff - 0.5));
                continue;
            }

            await SaveWindowProfilesAsync(monitor, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <returns>Whether the snapshot was restored (false: it does not fit the model, and the monitor is unchanged).</returns>
    private bool Restore(ModelMonitor monitor, MonitorSnapshot snapshot, string source)
    {
        try
        {
            // Entries of two model versions can meet (a case-insensitive file system, a file copied by hand): only its own is restored.
            if (snapshot.ModelName != monitor.ModelName || snapshot.ModelVersion != monitor.ModelVersion)
            {
                throw new InvalidDataException($"{source}: a snapshot of model '{snapshot.ModelName}' version '{snapshot.ModelVersion}', not of this one.");
            }

            string? note;
            lock (monitor.CollectLock)
            {
                note = MonitorSnapshots.Restore(monitor, snapshot, source);
            }

            if (note is null)
            {
                Log.SnapshotRestored(_logger, monitor.ModelName, monitor.ModelVersion, source, snapshot.Windows?.Count ?? 0, snapshot.Totals?.Events ?? 0);
            }
            else
            {
                Log.SnapshotRestoredInPart(_logger, monitor.ModelName, monitor.ModelVersion, source, note);
            }

            return true;
        }
        catch (InvalidDataException ex) when (!monitor.Definition.Strict)
        {
            Unreadable(monitor, source, ex);
            return false;
        }
    }

    private void Unreadable(ModelMonitor monitor, string source, Exception ex)
    {
        Log.SnapshotUnreadable(_logger, ex, monitor.ModelName, monitor.ModelVersion, source, ex.Message);
        Metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, "unreadable"));
    }

    /// <summary>
    /// Saves the closed windows the evaluator kept, oldest first, as profiles, then prunes this
    /// replica's old ones. A failed write leaves it and the rest kept for the next interval.
    /// </summary>
    private async Task SaveWindowProfilesAsync(ModelMonitor monitor, CancellationToken cancellationToken)
    {
        List<ClosedWindow> queued;
        lock (monitor.CollectLock)
        {
            queued = [.. monitor.State.ClosedWindows];
        }

        int saved = 0;
        foreach (var closed in queued)
        {
            var clock = monitor.Clock;
            DateTimeOffset? start = clock?.StartOf(closed.FirstEpoch);
            string entry = WindowProfiles.EntryName(start, closed.LastEpoch, _registry.ReplicaId);
            try
            {
                var profile = WindowProfiles.ToProfile(closed, monitor.Definition, start, clock?.StartOf(closed.LastEpoch + 1));
                await WriteAsync(monitor, entry, stream => ProfileFile.Write(profile, stream), cancellationToken).ConfigureAwait(false);
                saved++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.WindowProfileFailed(_logger, ex, monitor.ModelName, monitor.ModelVersion, _store.Describe(monitor.ModelName, monitor.ModelVersion, entry));
                Metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, ex.GetType().Name));
                break;
            }
        }

        if (saved == 0)
        {
            return;
        }

        lock (monitor.CollectLock)
        {
            // Only this method removes entries and it runs on one thread; new ones were appended
            // and old ones may have been dropped while the store failed.
            var kept = monitor.State.ClosedWindows;
            int done = 0;
            while (done < saved && done < kept.Count && ReferenceEquals(kept[done], queued[done]))
            {
                done++;
            }

            kept.RemoveRange(0, done);
        }

        try
        {
            var options = _registry.Options;
            await WindowProfiles.PruneAsync(
                _store, monitor.ModelName, monitor.ModelVersion, _registry.ReplicaId, options.WindowProfileMaxCount, options.WindowProfileMaxAge, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.WindowProfilePruneFailed(_logger, ex, monitor.ModelName, monitor.ModelVersion);
            Metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, ex.GetType().Name));
        }
    }

    /// <summary>Writes one entry of a monitor (content serialized synchronously into the store's stream).</summary>
    private Task WriteAsync(ModelMonitor monitor, string entry, Action<Stream> write, CancellationToken cancellationToken) =>
        _store.WriteAsync(
            monitor.ModelName,
            monitor.ModelVersion,
            entry,
            (stream, _) =>
            {
                write(stream);
                return Task.CompletedTask;
            },
            cancellationToken);

    private SaveState StateOf(ModelMonitor monitor) => _saves.GetValue(monitor, static _ => new SaveState());

    /// <summary>Where a monitor's snapshots stand in the store.</summary>
    private sealed class SaveState
    {
        /// <summary>Which of the two entries the next snapshot overwrites (the other keeps the last good one).</summary>
        public int NextSlot;

        /// <summary>The last save's <see cref="MonitorSnapshot.Sequence"/> (restored with the snapshot).</summary>
        public long Sequence;

        /// <summary>Saves that failed in a row (the back-off grows with them).</summary>
        public int Failures;

        /// <summary>When the next save of a failing monitor may be attempted.</summary>
        public DateTimeOffset RetryAt = DateTimeOffset.MinValue;

        /// <summary>Whether the store's limits were checked for the monitor.</summary>
        public bool LimitsChecked;

        /// <summary>The store cannot hold the monitor's entries: it is not saved.</summary>
        public bool Refused;

        /// <summary>Checks, once, that the store can hold the monitor's entries; returns the problems.</summary>
        public IReadOnlyList<string> CheckLimits(IProfileStore store, ModelMonitor monitor)
        {
            LimitsChecked = true;
            var problems = StoreLimits.Check(store, monitor.ModelName, monitor.ModelVersion);
            Refused = problems.Count > 0;
            return problems;
        }
    }
}

using ModelWatch.Monitoring;

namespace ModelWatch.Persistence;

/// <summary>What a model removed at run time leaves in the store.</summary>
internal sealed partial class SnapshotScheduler : IModelRemovalObserver, IDisposable
{
    public void Dispose() => _pass.Dispose();

    /// <summary>
    /// Deletes this replica's snapshots of removed model versions, once any save pass that may
    /// still hold them has finished, so a restart does not bring them back. Window profiles stay:
    /// other replicas' merged history may still read them.
    /// </summary>
    public async Task ForgetAsync(IReadOnlyList<ModelMonitor> removed, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var monitor in removed)
            {
                foreach (string entry in SnapshotEntries)
                {
                    try
                    {
                        await _store.DeleteAsync(monitor.ModelName, monitor.ModelVersion, entry, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Log.RemovedSnapshotNotDeleted(_logger, ex, monitor.ModelName, monitor.ModelVersion, _store.Describe(monitor.ModelName, monitor.ModelVersion, entry));
                        Metrics.StoreErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, ex.GetType().Name));
                    }
                }
            }
        }
        finally
        {
            _pass.Release();
        }
    }
}

namespace ModelWatch.Monitoring;

/// <summary>
/// A part of the runtime that keeps something of a model outside the registry (the snapshot store)
/// and must forget it when the model is removed at run time (<see cref="IModelWatch.RemoveModelAsync"/>).
/// </summary>
internal interface IModelRemovalObserver
{
    /// <summary>Forgets what it keeps of the removed versions; called after they left the registry.</summary>
    Task ForgetAsync(IReadOnlyList<ModelMonitor> removed, CancellationToken cancellationToken);
}

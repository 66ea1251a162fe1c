namespace ModelWatch.Persistence;

/// <summary>A closed window's profile in a store, as one replica saved it.</summary>
public sealed class WindowProfileEntry
{
    internal WindowProfileEntry()
    {
    }

    /// <summary>Gets the entry in the store (e.g. <c>pod-3/window/20261127T100000000Z.mwp</c>).</summary>
    public string Entry { get; internal init; } = "";

    /// <summary>Gets the replica that saved it (<see cref="Monitoring.ModelWatchOptions.ReplicaId"/>).</summary>
    public string Replica { get; internal init; } = "";

    /// <summary>Gets the window's start (UTC), for time windows; null for count windows.</summary>
    public DateTimeOffset? WindowStart { get; internal init; }

    /// <summary>Gets the window's last sub-window number, for count windows; null for time windows.</summary>
    public long? Epoch { get; internal init; }
}

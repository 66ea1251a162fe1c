namespace ModelWatch.Persistence;

/// <summary>A closed window's profile in a store, as one replica saved it.</summary>
/// <param name="Entry">The entry's name in the store (e.g. <c>window-20261127T100000000Z.pod-3.mwp</c>).</param>
/// <param name="Replica">The replica that saved it (<see cref="Monitoring.ModelWatchOptions.ReplicaId"/>).</param>
/// <param name="WindowStart">The window's start (UTC), for time windows; null for count windows.</param>
/// <param name="Epoch">The window's last sub-window number, for count windows; null for time windows.</param>
public sealed record WindowProfileEntry(string Entry, string Replica, DateTimeOffset? WindowStart, long? Epoch);

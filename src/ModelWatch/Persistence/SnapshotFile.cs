using System.Text.Json;
using ModelWatch.Monitoring;

namespace ModelWatch.Persistence;

/// <summary>Monitor snapshots as JSON: written as they are, read with their format checked.</summary>
internal static class SnapshotFile
{
    public static void Write(MonitorSnapshot snapshot, Stream stream) =>
        JsonSerializer.Serialize(stream, snapshot, SnapshotJsonContext.Default.MonitorSnapshot);

    /// <summary>Reads a snapshot; every failure is an <see cref="InvalidDataException"/> naming <paramref name="source"/>.</summary>
    public static async Task<MonitorSnapshot> ReadAsync(Stream stream, string source, CancellationToken cancellationToken)
    {
        MonitorSnapshot? snapshot;
        try
        {
            snapshot = await JsonSerializer.DeserializeAsync(stream, SnapshotJsonContext.Default.MonitorSnapshot, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
        {
            throw new InvalidDataException($"{source}: not a readable monitor snapshot ({ex.Message})", ex);
        }

        if (snapshot is null || snapshot.Format != MonitorSnapshot.FormatName)
        {
            throw new InvalidDataException($"{source}: not a ModelWatch monitor snapshot.");
        }

        if (snapshot.FormatVersion is < 1 or > MonitorSnapshot.CurrentFormatVersion)
        {
            throw new InvalidDataException($"{source}: monitor snapshot format version {snapshot.FormatVersion}; this ModelWatch reads versions 1 to {MonitorSnapshot.CurrentFormatVersion}.");
        }

        return snapshot;
    }
}

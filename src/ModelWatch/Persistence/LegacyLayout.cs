using ModelWatch.Monitoring;
using ModelWatch.Profiles;

namespace ModelWatch.Persistence;

/// <summary>
/// The first key layout (ModelWatch 0.1), read once and rewritten in <see cref="StoreLayout"/>: a
/// model version's snapshots as <c>snapshot-a.json</c> and <c>snapshot-b.json</c>, shared by every
/// replica, and window profiles as <c>window-{window}.{replica}.mwp</c>, all directly under the version.
/// </summary>
internal static class LegacyLayout
{
    private const string WindowPrefix = "window-";

    /// <summary>The shared snapshot entries, in slot order.</summary>
    public static readonly string[] Snapshots = ["snapshot-a.json", "snapshot-b.json"];

    /// <summary>Splits a window profile's entry of the first layout; false for anything else.</summary>
    public static bool TryParseWindow(string entry, out string replica, out string window)
    {
        replica = window = "";
        if (!entry.StartsWith(WindowPrefix, StringComparison.Ordinal) || !entry.EndsWith(ProfileFile.Extension, StringComparison.Ordinal))
        {
            return false;
        }

        // Replica ids hold no '.', so the last '.' before the extension ends the window.
        string body = entry[WindowPrefix.Length..^ProfileFile.Extension.Length];
        int dot = body.LastIndexOf('.');
        if (dot <= 0 || !ReplicaIds.IsValid(body.AsSpan(dot + 1)))
        {
            return false;
        }

        (window, replica) = (body[..dot], body[(dot + 1)..]);
        return true;
    }

    /// <summary>
    /// Moves a model version's entries of the first layout into <see cref="StoreLayout"/>, each read
    /// once, rewritten, then deleted: window profiles go to the replica that saved them; the shared
    /// snapshots go to <paramref name="replica"/> when it has none of its own (so the first replica
    /// to start after the upgrade continues from them, the others start afresh). An entry already in
    /// the new layout is not overwritten: the old window profile is just deleted, and so is an old
    /// snapshot this replica already holds byte for byte (a move that stopped before its deletes).
    /// </summary>
    /// <returns>The number of entries moved.</returns>
    public static async Task<int> UpgradeAsync(IProfileStore store, string model, string version, string replica, CancellationToken cancellationToken)
    {
        var entries = await store.ListAsync(model, version, cancellationToken).ConfigureAwait(false);
        var present = new HashSet<string>(entries, StringComparer.Ordinal);
        string[] mine = StoreLayout.Snapshots(replica);
        bool claim = !mine.Any(present.Contains);
        var moves = new List<(string From, string? To)>();
        foreach (string entry in entries)
        {
            int slot = Array.IndexOf(Snapshots, entry);
            if (slot >= 0 && claim)
            {
                moves.Add((entry, mine[slot]));
            }
            else if (slot >= 0 && present.Contains(mine[slot]) && await SameAsync(store, model, version, entry, mine[slot], cancellationToken).ConfigureAwait(false))
            {
                moves.Add((entry, null));
            }
            else if (slot < 0 && TryParseWindow(entry, out string owner, out string window))
            {
                string target = StoreLayout.Entry(owner, StoreLayout.WindowKind, window + ProfileFile.Extension);
                moves.Add((entry, present.Contains(target) ? null : target));
            }
        }

        // Every copy before any delete: a move that stops half-way leaves both, and the next start only deletes.
        foreach (var (from, to) in moves)
        {
            if (to is not null)
            {
                await CopyAsync(store, model, version, from, to, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var (from, _) in moves)
        {
            await store.DeleteAsync(model, version, from, cancellationToken).ConfigureAwait(false);
        }

        return moves.Count;
    }

    private static async Task CopyAsync(IProfileStore store, string model, string version, string from, string to, CancellationToken cancellationToken)
    {
        var source = await store.OpenReadAsync(model, version, from, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return; // moved meanwhile by another replica
        }

        await using (source.ConfigureAwait(false))
        {
            await store.WriteAsync(model, version, to, (target, ct) => source.CopyToAsync(target, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> SameAsync(IProfileStore store, string model, string version, string a, string b, CancellationToken cancellationToken) =>
        await ReadAsync(store, model, version, a, cancellationToken).ConfigureAwait(false) is { } x
        && await ReadAsync(store, model, version, b, cancellationToken).ConfigureAwait(false) is { } y
        && x.AsSpan().SequenceEqual(y);

    private static async Task<byte[]?> ReadAsync(IProfileStore store, string model, string version, string entry, CancellationToken cancellationToken)
    {
        var stream = await store.OpenReadAsync(model, version, entry, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}

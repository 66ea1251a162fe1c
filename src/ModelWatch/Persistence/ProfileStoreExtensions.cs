using ModelWatch.Profiles;

namespace ModelWatch.Persistence;

/// <summary>
/// Reading the window profiles that monitors save (<see cref="Monitoring.WindowOptions.KeepProfiles"/>)
/// from a store, and merging one window across every replica that saved it: fleet-wide drift on the
/// whole traffic (docs/persistence.md, "Scale-out").
/// </summary>
public static class ProfileStoreExtensions
{
    /// <summary>Lists the window profiles every replica saved for a model version, oldest window first, then by replica.</summary>
    /// <param name="store">The store.</param>
    /// <param name="modelName">The model's name.</param>
    /// <param name="modelVersion">The model's version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    public static async Task<IReadOnlyList<WindowProfileEntry>> ListWindowProfilesAsync(this IProfileStore store, string modelName, string modelVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var entries = new List<WindowProfileEntry>();
        foreach (string name in await store.ListAsync(modelName, modelVersion, cancellationToken).ConfigureAwait(false))
        {
            if (WindowProfiles.TryParse(name, out var entry))
            {
                entries.Add(entry);
            }
        }

        // During an upgrade a window may be listed in both layouts (copied, not yet deleted): once, in the new one.
        return [.. entries
            .GroupBy(e => (e.Replica, e.WindowStart, e.Epoch))
            .Select(g => g.OrderBy(e => StoreLayout.TryParse(e.Entry, out _, out _, out _) ? 0 : 1).First())
            .OrderBy(e => e.WindowStart ?? DateTimeOffset.MinValue).ThenBy(e => e.Epoch ?? long.MinValue)
            .ThenBy(e => e.Replica, StringComparer.Ordinal)];
    }

    /// <summary>Reads one window profile.</summary>
    /// <param name="store">The store.</param>
    /// <param name="modelName">The model's name.</param>
    /// <param name="modelVersion">The model's version.</param>
    /// <param name="entry">The entry, from <see cref="ListWindowProfilesAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ProfileFormatException">The entry is not a readable profile.</exception>
    /// <exception cref="FileNotFoundException">The entry no longer exists (pruned meanwhile).</exception>
    public static async Task<Profile> ReadWindowProfileAsync(this IProfileStore store, string modelName, string modelVersion, WindowProfileEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(entry);
        string source = store.Describe(modelName, modelVersion, entry.Entry);
        var stream = await store.OpenReadAsync(modelName, modelVersion, entry.Entry, cancellationToken).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"{source} does not exist.", source);
        await using (stream.ConfigureAwait(false))
        {
            // Profiles are small (kilobytes per column): read fully, then parse synchronously.
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            return ProfileFile.Read(buffer, source);
        }
    }

    /// <summary>
    /// Merges the profiles every replica saved for the time window starting at <paramref name="windowStart"/>
    /// into one (counts and moments exactly, sketches within their rank-error bound): the window as
    /// one monitor over the whole fleet's traffic would have profiled it.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="modelName">The model's name.</param>
    /// <param name="modelVersion">The model's version.</param>
    /// <param name="windowStart">The window's start.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The merged profile, or null when no replica saved that window.</returns>
    /// <exception cref="ProfileFormatException">An entry is not a readable profile.</exception>
    public static async Task<Profile?> MergeWindowProfilesAsync(this IProfileStore store, string modelName, string modelVersion, DateTimeOffset windowStart, CancellationToken cancellationToken = default)
    {
        var profiles = new List<Profile>();
        foreach (var entry in await store.ListWindowProfilesAsync(modelName, modelVersion, cancellationToken).ConfigureAwait(false))
        {
            if (entry.WindowStart == windowStart)
            {
                profiles.Add(await store.ReadWindowProfileAsync(modelName, modelVersion, entry, cancellationToken).ConfigureAwait(false));
            }
        }

        return profiles.Count == 0 ? null : Profile.Merge(profiles);
    }
}

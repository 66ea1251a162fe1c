using System.Text;
using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Statistics;

namespace ModelWatch.Profiles;

/// <summary>
/// Keyed hashing of a profile's categorical columns, as a monitor with
/// <see cref="ModelBuilder.HashCategories"/> counts them (see <see cref="CategoryHashing"/>), so a
/// reference built from raw training data can be compared with window profiles outside a monitor.
/// </summary>
public static class ProfileHashing
{
    /// <summary>Hashes the values of some categorical columns of a profile (a copy; the input is unchanged).</summary>
    /// <param name="profile">The profile, e.g. a reference built from training data.</param>
    /// <param name="key">The secret key the monitors use.</param>
    /// <param name="columns">The categorical columns to hash.</param>
    /// <returns>The profile with those columns' categories hashed.</returns>
    /// <exception cref="ArgumentException">A column is missing or not categorical, or the key is too short.</exception>
    public static Profile HashCategories(Profile profile, string key, params IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(columns);
        _ = CategoryHashing.Hash(key, null); // validates the key
        byte[] keyBytes = Encoding.UTF8.GetBytes(key);
        var hashed = new HashSet<string>(columns, StringComparer.Ordinal);
        foreach (string name in hashed)
        {
            if (profile.Find(name) is not { Kind: FeatureKind.Categorical })
            {
                throw new ArgumentException($"The profile has no categorical column '{name}'.", nameof(columns));
            }
        }

        return profile.WithFeatures(p => p.Features.Select(f => hashed.Contains(f.Name)
            ? FeatureProfile.FromParts(f.Name, f.Kind, f.IsPrediction, null, null, HashCounts(f.Categories!, keyBytes))
            : f.Clone()));
    }

    private static CategoryCounts HashCounts(CategoryCounts counts, byte[] key)
    {
        var snapshot = counts.ToSnapshot();
        var entries = new Dictionary<string, (long Count, long Over)>(StringComparer.Ordinal);
        foreach (var e in snapshot.Entries)
        {
            string h = CategoryHashing.Hash(key, e.Value)!;
            var (count, over) = entries.GetValueOrDefault(h);
            entries[h] = (count + e.Count, over + e.MaxOvercount);
        }

        return CategoryCounts.FromSnapshot(snapshot with
        {
            MaxKeyLength = Math.Max(snapshot.MaxKeyLength, CategoryHashing.Prefix.Length + 16),
            Entries = [.. entries.Select(e => new CategoryCountsSnapshot.Entry { Value = e.Key, Count = e.Value.Count, MaxOvercount = e.Value.Over })],
        });
    }
}

using System.Globalization;
using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Profiles;
using ModelWatch.Statistics;

namespace ModelWatch.Persistence;

/// <summary>
/// Closed windows as profiles in the store: how a window's accumulator becomes a <see cref="Profile"/>,
/// how its entry is named (window and replica), and how old entries are pruned.
/// </summary>
/// <remarks>
/// Entries (<see cref="StoreLayout"/>): <c>pod-3/window/20261127T100000000Z.mwp</c> for time windows
/// (the window's start, UTC), <c>pod-3/window/n42.mwp</c> for count windows (the window's last
/// sub-window number). Entries of the first layout (<see cref="LegacyLayout"/>) are read too.
/// </remarks>
internal static class WindowProfiles
{
    private const string TimeFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    /// <summary>The profile of a closed window (the accumulator must keep profiles).</summary>
    public static Profile ToProfile(WindowAccumulator window, ModelDefinition definition, DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset createdAt)
    {
        var layout = window.Layout;
        var schema = layout.Schema;
        var features = new List<FeatureProfile>(schema.NumericColumns.Length + schema.CategoricalColumns.Length);
        for (int c = 0; c < schema.NumericColumns.Length; c++)
        {
            features.Add(Column(schema, schema.NumericColumns[c], FeatureKind.Numeric, Moments.FromState(in window.Moments![c]), window.Sketches![c].Clone(), null));
        }

        for (int c = 0; c < schema.CategoricalColumns.Length; c++)
        {
            features.Add(Column(schema, schema.CategoricalColumns[c], FeatureKind.Categorical, null, null, CategoriesOf(window, c)));
        }

        return new Profile(ProfileKind.Window, features)
        {
            ModelName = definition.Name,
            ModelVersion = definition.Version,
            WindowStart = start,
            WindowEnd = end,
            CreatedAt = createdAt,
            Rows = window.Events,
        };
    }

    /// <summary>The profile of a closed window, with a profile per segment for a segmented model (merged across replicas by name).</summary>
    public static Profile ToProfile(ClosedWindow closed, ModelDefinition definition, DateTimeOffset? start, DateTimeOffset? end)
    {
        var profile = ToProfile(closed.Window, definition, start, end, closed.ClosedAt);
        foreach (var (name, window) in closed.Segments)
        {
            profile.SetSegment(name, ToProfile(window, definition, start, end, closed.ClosedAt));
        }

        return profile;
    }

    /// <summary>A column of the profile; the schema's prediction column of the prediction's kind is marked as the prediction.</summary>
    private static FeatureProfile Column(ModelSchema schema, string name, FeatureKind kind, Moments? moments, QuantileSketch? sketch, CategoryCounts? categories)
    {
        var predictionKind = kind == FeatureKind.Numeric ? PredictionKind.Numeric : PredictionKind.Categorical;
        bool isPrediction = name == ModelSchema.PredictionColumn && schema.Prediction == predictionKind;
        return FeatureProfile.FromParts(name, kind, isPrediction, moments, sketch, categories);
    }

    /// <summary>A categorical column's counts: the reference's categories from their buckets (exact), plus the unseen values tracked.</summary>
    private static CategoryCounts CategoriesOf(WindowAccumulator window, int c)
    {
        var layout = window.Layout;
        if (layout.Reference is not { } reference)
        {
            return CategoryCounts.FromSnapshot(window.Categories[c].ToSnapshot());
        }

        var categories = reference.Categorical[c];
        var buckets = window.Buckets.AsSpan(layout.BucketOffsets[c], categories.Categories.Length + 1);
        var entries = new List<CategoryCountsSnapshot.Entry>();
        long known = 0;
        for (int i = 0; i < categories.Categories.Length; i++)
        {
            if (buckets[i] > 0)
            {
                entries.Add(new CategoryCountsSnapshot.Entry { Value = categories.Categories[i], Count = buckets[i] });
                known += buckets[i];
            }
        }

        var counts = CategoryCounts.FromSnapshot(new CategoryCountsSnapshot
        {
            Capacity = Math.Max(layout.CategoryCapacity, entries.Count),
            MaxKeyLength = Math.Max(CategoryCounts.DefaultMaxKeyLength, entries.Count == 0 ? 0 : entries.Max(e => e.Value.Length)),
            Count = known,
            MissingCount = window.CategoricalMissing[c],
            Entries = [.. entries],
        });

        // Unseen values: the bounded counter of the window (its count is the unseen bucket's).
        counts.Merge(window.Categories[c]);
        return counts;
    }

    /// <summary>The entry of a replica's window: named by its start for time windows, by its last sub-window for count windows.</summary>
    public static string EntryName(DateTimeOffset? start, long lastEpoch, string replica) =>
        StoreLayout.Entry(replica, StoreLayout.WindowKind, WindowName(start, lastEpoch) + ProfileFile.Extension);

    /// <summary>The window part of an entry's name: <c>20261127T100000000Z</c> or <c>n42</c>.</summary>
    public static string WindowName(DateTimeOffset? start, long lastEpoch) => start is { } s
        ? s.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"n{lastEpoch}");

    /// <summary>Parses a window profile's entry, of this layout or the first; false for anything else.</summary>
    public static bool TryParse(string entry, out WindowProfileEntry parsed)
    {
        parsed = null!;
        string replica, window;
        if (StoreLayout.TryParse(entry, out replica, out string kind, out string name))
        {
            if (kind != StoreLayout.WindowKind || !name.EndsWith(ProfileFile.Extension, StringComparison.Ordinal))
            {
                return false;
            }

            window = name[..^ProfileFile.Extension.Length];
        }
        else if (!LegacyLayout.TryParseWindow(entry, out replica, out window))
        {
            return false;
        }

        if (window.Length > 1 && window[0] == 'n' && long.TryParse(window.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long epoch))
        {
            parsed = new WindowProfileEntry { Entry = entry, Replica = replica, Epoch = epoch };
            return true;
        }

        if (DateTime.TryParseExact(window, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            parsed = new WindowProfileEntry { Entry = entry, Replica = replica, WindowStart = new DateTimeOffset(time, TimeSpan.Zero) };
            return true;
        }

        return false;
    }

    /// <summary>
    /// Deletes this replica's window profiles beyond the newest <paramref name="keep"/> and those of
    /// windows that started before <paramref name="now"/> − <paramref name="maxAge"/>. Other
    /// replicas' entries are theirs to prune.
    /// </summary>
    /// <returns>The number of entries deleted.</returns>
    public static async Task<int> PruneAsync(IProfileStore store, string model, string version, string replica, int keep, TimeSpan maxAge, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mine = new List<WindowProfileEntry>();
        foreach (string name in await store.ListAsync(model, version, cancellationToken).ConfigureAwait(false))
        {
            if (TryParse(name, out var entry) && entry.Replica == replica)
            {
                mine.Add(entry);
            }
        }

        // Newest first: by window start for time windows, by sub-window number for count windows.
        mine.Sort((a, b) => (b.WindowStart ?? DateTimeOffset.MinValue).CompareTo(a.WindowStart ?? DateTimeOffset.MinValue) is var byTime and not 0
            ? byTime
            : (b.Epoch ?? long.MinValue).CompareTo(a.Epoch ?? long.MinValue));
        var cutoff = now - maxAge;
        int deleted = 0;
        for (int i = 0; i < mine.Count; i++)
        {
            if (i >= keep || mine[i].WindowStart < cutoff)
            {
                await store.DeleteAsync(model, version, mine[i].Entry, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
        }

        return deleted;
    }
}

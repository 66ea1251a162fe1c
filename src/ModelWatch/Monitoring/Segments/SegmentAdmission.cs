using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>
/// Admission by weight at a window's close: the names counted in <see cref="SegmentNames.Other"/>
/// during the window (a Space-Saving summary, so a lower bound of each count) are weighed against
/// the tracked segments' predictions in the same window; the heaviest newcomer whose lower bound
/// exceeds the lightest evictable segment's predictions replaces it, then the next heaviest the
/// next lightest, while <see cref="SegmentKeys.FreeSlots"/> last.
/// </summary>
/// <remarks>
/// Segments named in <c>Segments:Track</c> are never evicted. An evicted segment's sub-windows still
/// to be reported move to <see cref="SegmentNames.Other"/>, its reference and multivariate calibration
/// are dropped; its latest report and alert state stay findable by name (and continue if it is
/// admitted again). Slots change only here, under the collect lock, between two windows' evaluations.
/// </remarks>
internal static class SegmentAdmission
{
    /// <summary>Frees the slots retired long enough ago, then promotes heavier newcomers (a closed window, collect lock held).</summary>
    /// <param name="segments">The monitor's segments.</param>
    /// <param name="results">The window's segment results (their predictions are the tracked segments' weights).</param>
    /// <param name="last">The window's last sub-window.</param>
    /// <param name="span">Its sub-windows.</param>
    /// <returns>The segments promoted, with the one each replaced.</returns>
    public static List<(string Admitted, string Evicted)> Promote(MonitorSegments segments, ImmutableArray<SegmentDriftResult> results, long last, int span)
    {
        var keys = segments.Keys;
        var windows = segments.Windows;

        // A slot retired after sub-window r can still receive rows routed before the eviction only in
        // sub-windows up to r: once a closed window ends after r, they have all been handed over.
        keys.Release(last - 1);
        var promoted = new List<(string, string)>();
        if (keys.Admitted < keys.MaxSegments || keys.FreeSlots == 0 || windows.Candidates.Window(last, span) is not { } candidates)
        {
            return promoted; // places are free (newcomers take them as they appear), or no newcomer was counted
        }

        var weights = results.ToDictionary(r => r.Name, r => r.Predictions, StringComparer.Ordinal);
        var evictable = new List<(int Slot, string Name, long Weight)>();
        for (int slot = 0; slot < keys.OtherSlot; slot++)
        {
            if (keys.NameOf(slot) is { } name && !keys.IsPinned(slot))
            {
                evictable.Add((slot, name, weights.GetValueOrDefault(name)));
            }
        }

        evictable.Sort(static (a, b) => a.Weight != b.Weight ? a.Weight.CompareTo(b.Weight) : string.CompareOrdinal(a.Name, b.Name));
        var newcomers = candidates.GetCounts()
            .Select(c => (c.Value, Lower: c.Count - c.MaxOvercount))
            .Where(c => keys.IsAdmissible(c.Value) && keys.Find(c.Value) < 0)
            .OrderByDescending(c => c.Lower).ThenBy(c => c.Value, StringComparer.Ordinal);

        long retiredAt = Math.Max(last, windows.NewestTaken) + 1;
        int next = 0;
        foreach (var (name, lower) in newcomers)
        {
            if (next == evictable.Count || keys.FreeSlots == 0 || lower <= evictable[next].Weight)
            {
                break;
            }

            var evicted = evictable[next++];
            windows.Evict(evicted.Slot);
            keys.Replace(evicted.Slot, retiredAt, name);
            promoted.Add((name, evicted.Name));
        }

        return promoted;
    }
}

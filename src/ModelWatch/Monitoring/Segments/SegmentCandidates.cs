using ModelWatch.Statistics;

namespace ModelWatch.Monitoring;

/// <summary>
/// The evaluator's side of <see cref="SegmentNames.Other"/>'s candidates: per sub-window, the merged
/// Space-Saving summary of the segment names counted there, so a window's close can weigh newcomers
/// against the tracked segments (<see cref="SegmentAdmission"/>).
/// </summary>
/// <remarks>Guarded by the monitor's collect lock. At most one summary of <see cref="Capacity"/> names per sub-window kept.</remarks>
internal sealed class SegmentCandidates
{
    private readonly SortedDictionary<long, CategoryCounts> _byEpoch = [];

    public SegmentCandidates(int capacity) => Capacity = capacity;

    /// <summary>Names each sub-window's summary tracks.</summary>
    public int Capacity { get; }

    /// <summary>The sub-windows with candidates, oldest first.</summary>
    public IEnumerable<KeyValuePair<long, CategoryCounts>> Epochs => _byEpoch;

    /// <summary>Adds a sub-window's candidates (handed over or restored); <paramref name="counts"/> is not kept.</summary>
    public void Add(long epoch, CategoryCounts counts)
    {
        if (!_byEpoch.TryGetValue(epoch, out var mine))
        {
            _byEpoch[epoch] = mine = new CategoryCounts(Capacity);
        }

        mine.Merge(counts);
    }

    /// <summary>The candidates of the window of <paramref name="span"/> sub-windows ending at <paramref name="last"/> (null when none).</summary>
    public CategoryCounts? Window(long last, int span)
    {
        CategoryCounts? merged = null;
        foreach (var (epoch, counts) in _byEpoch)
        {
            if (epoch > last - span && epoch <= last)
            {
                (merged ??= new CategoryCounts(Capacity)).Merge(counts);
            }
        }

        return merged;
    }

    /// <summary>Drops the sub-windows before <paramref name="epoch"/>.</summary>
    public void Forget(long epoch)
    {
        while (_byEpoch.Count > 0 && _byEpoch.First().Key < epoch)
        {
            _byEpoch.Remove(_byEpoch.First().Key);
        }
    }

    /// <summary>Drops every sub-window's candidates.</summary>
    public void Clear() => _byEpoch.Clear();
}

using ModelWatch.Statistics;

namespace ModelWatch.Monitoring;

/// <summary>
/// A segmented accumulator's rows, one child accumulator per segment slot: on the logging path a
/// row is counted in its segment's child only, and the whole model's counts are the merge of the
/// children, made when the evaluator takes the accumulator (<see cref="FlattenInto"/>), so no row
/// is counted twice while logging.
/// </summary>
/// <remarks>
/// Children are created on a slot's first row and kept across resets (pooled accumulators keep
/// theirs), so a steady stream allocates nothing. Guarded like their parent: by the shard's lock
/// while logging, by the collect lock once handed over.
/// </remarks>
internal sealed class SegmentAccumulators
{
    private readonly WindowAccumulator?[] _children;
    private readonly MonitorLayout _layout;
    private CategoryCounts? _candidates;

    public SegmentAccumulators(MonitorLayout layout, int slots)
    {
        _layout = layout;
        _children = new WindowAccumulator?[slots];
    }

    /// <summary>How many slots there are (the tracked segments plus <see cref="SegmentNames.Other"/>).</summary>
    public int Slots => _children.Length;

    /// <summary>Whether no child holds anything.</summary>
    public bool IsEmpty
    {
        get
        {
            foreach (var child in _children)
            {
                if (child is { IsEmpty: false })
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The segment names of this accumulator's rows in <see cref="SegmentNames.Other"/> that could be
    /// admitted, in a Space-Saving summary of <see cref="CandidateCapacity"/> names (created on first use,
    /// kept across resets): the evidence for admitting a heavy newcomer at a window's close.
    /// </summary>
    public CategoryCounts Candidates => _candidates ??= new CategoryCounts(CandidateCapacity(Slots));

    /// <summary>Names a summary of <see cref="SegmentNames.Other"/>'s candidates tracks: the slots, at least 16 and at most 1,000.</summary>
    public static int CandidateCapacity(int slots) => Math.Clamp(slots, 16, 1_000);

    /// <summary>The child a row of segment <paramref name="slot"/> goes into (created on the slot's first row).</summary>
    public WindowAccumulator For(int slot) => _children[slot] ?? Create(slot);

    /// <summary>The children holding rows, with their slots.</summary>
    public IEnumerable<(int Slot, WindowAccumulator Child)> NonEmpty()
    {
        for (int s = 0; s < _children.Length; s++)
        {
            if (_children[s] is { IsEmpty: false } child)
            {
                yield return (s, child);
            }
        }
    }

    /// <summary>
    /// Merges every child into <paramref name="parent"/> (the whole model), hands each to
    /// <paramref name="segment"/> (which copies what it keeps) and the candidates to
    /// <paramref name="candidates"/>, and empties them.
    /// </summary>
    public void FlattenInto(WindowAccumulator parent, Action<int, WindowAccumulator>? segment, Action<CategoryCounts>? candidates = null)
    {
        if (_candidates is { Count: > 0 } counted)
        {
            candidates?.Invoke(counted);
            counted.Clear();
        }

        for (int s = 0; s < _children.Length; s++)
        {
            if (_children[s] is not { IsEmpty: false } child)
            {
                continue;
            }

            child.Epoch = parent.Epoch;
            parent.Merge(child);
            segment?.Invoke(s, child);
            child.Reset(long.MinValue);
        }
    }

    /// <summary>Adds every child's counts to <paramref name="totals"/>.</summary>
    public void AddTo(MonitorTotals totals)
    {
        foreach (var child in _children)
        {
            if (child is not null)
            {
                totals.Add(child);
            }
        }
    }

    /// <summary>Empties every child.</summary>
    public void Reset()
    {
        _candidates?.Clear();
        foreach (var child in _children)
        {
            if (child is { IsEmpty: false })
            {
                child.Reset(long.MinValue);
            }
        }
    }

    private WindowAccumulator Create(int slot) => _children[slot] = new WindowAccumulator(_layout, segmentChild: true);
}

namespace ModelWatch.Monitoring;

/// <summary>
/// Each segment's own reference, built from its first <see cref="SegmentOptions.ReferenceSize"/>
/// predictions once the model has a reference, over that reference's bins and categories (so the
/// segment's windows, counted over the same bins, compare with it directly).
/// </summary>
/// <remarks>Guarded by the monitor's collect lock.</remarks>
internal sealed class SegmentReferences
{
    private readonly ReferenceProfile?[] _references;
    private readonly WindowAccumulator?[] _gathered;
    private readonly long[] _builtThrough;
    private readonly bool[] _fromProfile;
    private readonly long _size;

    public SegmentReferences(int slots, long size)
    {
        _references = new ReferenceProfile?[slots];
        _gathered = new WindowAccumulator?[slots];
        _builtThrough = new long[slots];
        _fromProfile = new bool[slots];
        Array.Fill(_builtThrough, long.MinValue);
        _size = size;
    }

    /// <summary>Whether a slot's reference comes from the model's segmented reference profile.</summary>
    public bool IsFromProfile(int slot) => _fromProfile[slot];

    /// <summary>
    /// Gives a slot the reference the model's segmented reference profile has for its segment, if any
    /// (it wins over one gathered from production); <see cref="SegmentNames.Other"/> never takes one.
    /// </summary>
    public void SeedFromProfile(int slot, string? name, ReferenceProfile? model)
    {
        if (_fromProfile[slot] || name is null || name == SegmentNames.Other || model?.Segments.GetValueOrDefault(name) is not { } reference)
        {
            return;
        }

        _references[slot] = reference;
        _gathered[slot] = null;
        _builtThrough[slot] = long.MinValue;
        _fromProfile[slot] = true;
    }

    /// <summary>Whether segments gather references of their own (else they use the whole model's, or the profile's).</summary>
    public bool Gathers => _size > 0;

    /// <summary>A slot's reference (null while it is being gathered).</summary>
    public ReferenceProfile? Of(int slot) => _references[slot];

    /// <summary>The last sub-window whose rows went into the slot's reference: windows reaching back to it are not judged against it.</summary>
    public long BuiltThrough(int slot) => _builtThrough[slot];

    /// <summary>The rows gathered so far towards a slot's reference (null once built or before any).</summary>
    public WindowAccumulator? GatheredWindow(int slot) => _gathered[slot];

    /// <summary>Adds a segment's handed-over rows to its reference while it is being gathered; builds the reference when enough arrived.</summary>
    public void Gather(int slot, WindowAccumulator child)
    {
        if (!Gathers || _references[slot] is not null)
        {
            return;
        }

        var gathered = _gathered[slot] ??= new WindowAccumulator(child.Layout, segmentChild: true);
        gathered.Merge(child);
        _builtThrough[slot] = Math.Max(_builtThrough[slot], child.Epoch);
        if (gathered.Events >= _size && From(gathered) is { } reference)
        {
            _references[slot] = reference;
            _gathered[slot] = null;
        }
    }

    /// <summary>Sets a restored reference.</summary>
    public void Restore(int slot, ReferenceProfile reference, long builtThrough)
    {
        _references[slot] = reference;
        _gathered[slot] = null;
        _builtThrough[slot] = builtThrough;
    }

    /// <summary>Forgets a slot's reference and what was gathered towards it (its segment was evicted).</summary>
    public void Reset(int slot)
    {
        _fromProfile[slot] = false;
        _references[slot] = null;
        _gathered[slot] = null;
        _builtThrough[slot] = long.MinValue;
    }

    /// <summary>Forgets every segment reference (the model's reference changed: they were over its bins).</summary>
    public void Clear()
    {
        Array.Clear(_references);
        Array.Clear(_gathered);
        Array.Clear(_fromProfile);
        Array.Fill(_builtThrough, long.MinValue);
    }

    /// <summary>
    /// A segment's reference from its counts over the model reference's bins and categories: the
    /// same edges and categories, the segment's counts and statistics. Null when a numeric column
    /// has no finite value in the segment (it keeps gathering).
    /// </summary>
    internal static ReferenceProfile? From(WindowAccumulator gathered)
    {
        var layout = gathered.Layout;
        var whole = layout.Reference!;
        var numeric = new NumericReference[whole.Numeric.Length];
        for (int c = 0; c < numeric.Length; c++)
        {
            var w = whole.Numeric[c];
            ref readonly var cell = ref gathered.Numeric[c];
            if (cell.Count == 0)
            {
                return null;
            }

            long[] counts = gathered.Bins.AsSpan(layout.BinOffsets[c], w.Edges.BinCount).ToArray();
            numeric[c] = new NumericReference(w.Name, w.Edges, counts, w.PsiEdges, cell.Missing, cell.NonFinite, cell.Mean, Math.Sqrt(cell.PopulationVariance), cell.Min, cell.Max);
        }

        var categorical = new CategoricalReference[whole.Categorical.Length];
        for (int c = 0; c < categorical.Length; c++)
        {
            var w = whole.Categorical[c];

            // The model reference's categories; values it never saw stay "unseen" for the segment too.
            long[] counts = gathered.Buckets.AsSpan(layout.BucketOffsets[c], w.Categories.Length).ToArray();
            categorical[c] = ReferenceProfile.SegmentColumnOr(w, counts, gathered.CategoricalMissing[c]);
        }

        return new ReferenceProfile(whole.Schema, numeric, categorical, gathered.Events, whole.Bins, whole.PsiBins);
    }
}

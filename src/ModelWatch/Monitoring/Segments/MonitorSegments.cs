using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// A segmented monitor's segment state: the bounded admission (<see cref="SegmentKeys"/>), which
/// values name a row's segment, the segments' sub-windows on the evaluator's side, and each
/// segment's latest report.
/// </summary>
internal sealed class MonitorSegments
{
    private readonly int[] _columns;
    private readonly bool _byKey;
    private volatile BucketSlots? _bucketSlots;
    private volatile Dictionary<string, DriftReport> _latest = new(StringComparer.Ordinal);
    private (System.Collections.Immutable.ImmutableArray<SegmentDriftResult> Results, long Last, int Span)? _promotion;

    /// <param name="definition">The model.</param>
    /// <param name="reference">The model's reference when it is known from the start: a segmented one's segments are admitted first, heaviest first, after <c>Segments:Track</c>.</param>
    /// <param name="layout">The monitor's current layout.</param>
    public MonitorSegments(ModelDefinition definition, ReferenceProfile? reference, Func<MonitorLayout> layout)
    {
        var segments = definition.Segments!;
        _byKey = segments.ByKey;
        _columns = segments.Columns;

        // One categorical column, counted by its raw value: its reference bucket, found anyway to count
        // the value, also finds the segment (a hashed column's buckets are of hashed values).
        BucketColumn = !_byKey && _columns.Length == 1 && !definition.HashedCategorical[_columns[0]] ? _columns[0] : -1;
        Keys = new SegmentKeys(segments.MaxSegments, _byKey ? 1 : _columns.Length);
        foreach (string name in segments.Track)
        {
            Keys.Admit(name, pinned: true);
        }

        foreach (string name in reference?.SegmentsByWeight ?? [])
        {
            if (Keys.IsAdmissible(name))
            {
                Keys.Admit(name);
            }
        }

        Windows = new SegmentWindows(Keys, layout, segments.ReferenceSize, segments.MultivariateCalibrationWindows ?? definition.MultivariateProduction?.CalibrationWindows ?? SegmentOptions.DefaultMultivariateCalibrationWindows);
        RefreshBucketSlots(reference);
    }

    public SegmentKeys Keys { get; }

    /// <summary>The categorical column whose reference bucket routes rows (one raw segment column), or -1.</summary>
    public int BucketColumn { get; }

    /// <summary>The segments' sub-windows (guarded by the monitor's collect lock).</summary>
    public SegmentWindows Windows { get; }

    /// <summary>The slot of a row's segment: by its explicit key or by its segment features' values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SlotOf(string? key, ReadOnlySpan<string?> categories) =>
        _byKey ? Keys.SlotOf(key)
        : _columns.Length == 1 ? Keys.SlotOf(categories[_columns[0]])
        : Keys.SlotOf(categories, _columns);

    /// <summary>
    /// The child accumulator a row goes into: its segment's; a row in <see cref="SegmentNames.Other"/>
    /// whose segment could be admitted also counts its name among the accumulator's candidates.
    /// </summary>
    /// <param name="children">The shard accumulator's segment children.</param>
    /// <param name="key">The row's explicit segment key.</param>
    /// <param name="categories">The row's categorical values.</param>
    /// <param name="reference">The layout's reference.</param>
    /// <param name="slot">The segment's slot.</param>
    /// <param name="bucket">
    /// The segment column's reference bucket when the segment was found by it (the caller counts the
    /// value in that bucket without looking it up again), else -1.
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WindowAccumulator Route(SegmentAccumulators children, string? key, ReadOnlySpan<string?> categories, ReferenceProfile? reference, out int slot, out int bucket)
    {
        bucket = -1;
        if (BucketColumn >= 0 && reference is not null && categories[BucketColumn] is { Length: > 0 } value)
        {
            var categorical = reference.Categorical[BucketColumn];
            bucket = categorical.IndexOf(value);
            slot = SlotOfBucket(categorical, bucket, value);
        }
        else
        {
            slot = SlotOf(key, categories);
        }

        if (slot == Keys.OtherSlot)
        {
            CountCandidate(children.Candidates, key, categories);
        }

        return children.For(slot);
    }

    /// <summary>
    /// A segment's slot by its value's reference bucket: remembered per bucket once found, until a
    /// segment leaves its slot or the reference changes (then found by name until the evaluator
    /// refreshes the table: the logging path allocates nothing). Values outside the reference share
    /// its unseen bucket and are always found by name.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOfBucket(CategoricalReference categorical, int bucket, string value)
    {
        var known = _bucketSlots;
        if (known is null || !ReferenceEquals(known.Reference, categorical) || known.Generation != Keys.Generation || bucket == categorical.UnseenIndex)
        {
            return Keys.SlotOf(value);
        }

        int slot = known.Slots[bucket];
        if (slot < 0)
        {
            slot = Keys.SlotOf(value);
            if (slot != Keys.OtherSlot)
            {
                // A race with an eviction may store a slot that is stale already: the table's
                // generation has moved on then, so the table is not read again.
                known.Slots[bucket] = slot;
            }
        }

        return slot;
    }

    /// <summary>A new bucket table when segments left their slots or the reference changed (evaluator, or construction).</summary>
    private void RefreshBucketSlots(ReferenceProfile? reference)
    {
        if (BucketColumn < 0 || reference is null)
        {
            return;
        }

        var categorical = reference.Categorical[BucketColumn];
        var known = _bucketSlots;
        if (known is null || !ReferenceEquals(known.Reference, categorical) || known.Generation != Keys.Generation)
        {
            _bucketSlots = new BucketSlots(categorical, Keys.Generation);
        }
    }

    /// <summary>Segment slots by reference bucket (-1: not known yet), valid for one reference and one generation of the admission table.</summary>
    private sealed class BucketSlots
    {
        public BucketSlots(CategoricalReference reference, int generation)
        {
            Reference = reference;
            Generation = generation;
            Slots = new int[reference.UnseenIndex];
            Array.Fill(Slots, -1);
        }

        public CategoricalReference Reference { get; }

        public int Generation { get; }

        public int[] Slots { get; }
    }

    /// <summary>
    /// Counts a row's segment name in <see cref="SegmentNames.Other"/>'s candidates (nothing for a
    /// missing value, nor for a name longer than the summary's keys, which would be stored truncated and could
    /// not be admitted by name). One value: the caller's string is kept, nothing is allocated. Several
    /// features: the name is joined on the stack, and a name the summary does not track yet is stored (one string).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CountCandidate(Statistics.CategoryCounts candidates, string? key, ReadOnlySpan<string?> categories)
    {
        if (_byKey || _columns.Length == 1)
        {
            string? value = _byKey ? key : categories[_columns[0]];
            if (!string.IsNullOrEmpty(value) && value.Length <= candidates.MaxKeyLength)
            {
                candidates.Add(value);
            }

            return;
        }

        int length = _columns.Length - 1;
        foreach (int c in _columns)
        {
            if (string.IsNullOrEmpty(categories[c]))
            {
                return;
            }

            length += categories[c]!.Length;
        }

        if (length > candidates.MaxKeyLength)
        {
            return;
        }

        Span<char> name = stackalloc char[length];
        int at = 0;
        foreach (int c in _columns)
        {
            if (at > 0)
            {
                name[at++] = SegmentNames.Separator;
            }

            categories[c].AsSpan().CopyTo(name[at..]);
            at += categories[c]!.Length;
        }

        candidates.Add(name);
    }

    /// <summary>Each segment's part of the window ending at <paramref name="last"/>, merged into new accumulators (for window profiles).</summary>
    public List<(string Name, WindowAccumulator Window)> ClosedWindows(long last, int span)
    {
        var windows = new List<(string, WindowAccumulator)>();
        for (int slot = 0; slot < Keys.Slots; slot++)
        {
            if (Windows.Of(slot) is { } epochs && Keys.NameOf(slot) is { } name && epochs.Window(last, span) is { IsEmpty: false } window)
            {
                windows.Add((name, window));
            }
        }

        return windows;
    }

    /// <summary>
    /// The end of an evaluation pass (collect lock held): admits heavier newcomers by the latest closed
    /// window's weights (<see cref="SegmentAdmission"/>), then drops sub-windows before <paramref name="epoch"/>.
    /// </summary>
    /// <returns>The newcomers admitted, each with the segment it replaced (empty when none).</returns>
    public List<(string Admitted, string Evicted)> Forget(long epoch, ReferenceProfile? reference)
    {
        List<(string Admitted, string Evicted)> replaced = [];
        if (_promotion is { } p)
        {
            _promotion = null;
            replaced = SegmentAdmission.Promote(this, p.Results, p.Last, p.Span);
        }

        Windows.Forget(epoch);
        RefreshBucketSlots(reference);
        return replaced;
    }

    /// <summary>A segment's latest report, or null when it has had none.</summary>
    public DriftReport? Latest(string segment) => _latest.GetValueOrDefault(segment);

    /// <summary>Realised quality per segment (a model with a task; null otherwise).</summary>
    public SegmentQuality? Quality { get; set; }

    /// <summary>Each segment's drift alert state.</summary>
    public SegmentAlerts Alerts { get; } = new();

    /// <summary>
    /// Evaluates every segment's part of a window and attaches the results to the whole model's
    /// report (collect lock held); for a closed window, runs each segment's alert hygiene.
    /// </summary>
    /// <returns>The segment alerts raised or cleared (none for the current window).</returns>
    public List<DriftAlert> Attach(ModelDefinition definition, DriftReport whole, long last, int span, WindowClock? clock, DateTimeOffset now)
    {
        var results = SegmentEvaluator.Evaluate(definition, this, last, span, whole.IsComplete, clock, now);
        whole.Segments = results;
        Quality?.Fill(results, last, span);
        if (whole.IsComplete)
        {
            // Applied when the pass forgets what it reported (after the window's profile was kept with these segments).
            _promotion = (results, last, span);
        }

        if (results.IsEmpty)
        {
            return [];
        }

        var latest = new Dictionary<string, DriftReport>(_latest, StringComparer.Ordinal);
        foreach (var result in results)
        {
            latest[result.Name] = result.Report;
        }

        _latest = latest;
        return whole.IsComplete ? Alerts.Observe(definition, whole, now) : [];
    }
}

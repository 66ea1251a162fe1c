using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// The bounded admission of a model's segments: maps a prediction's segment values to a slot, the
/// last slot being <see cref="SegmentNames.Other"/>. At most <c>MaxSegments</c> segments are tracked
/// at once; <see cref="SpareSlots"/> more slots let a heavier newcomer replace an evicted segment
/// without sharing its slot.
/// </summary>
/// <remarks>
/// <para>
/// Admission: a segment value seen for the first time takes a free slot while fewer than
/// <c>MaxSegments</c> are tracked (segments named in configuration first). Once they are all taken,
/// every new value counts in <see cref="SegmentNames.Other"/>, and the evaluator may, at a window's
/// close, evict the lightest segments for heavier newcomers (<see cref="SegmentAdmission"/>): an
/// evicted segment's slot is retired — rows still routed to it by a logging thread that read the old
/// table count in <see cref="SegmentNames.Other"/> — and freed only a window later, so a slot never
/// holds two segments' rows. Memory stays at the cap whatever the key stream.
/// </para>
/// <para>
/// Reads are lock-free: an open-addressing table of immutable entries, at most half full, written
/// only under the admission lock with a release store; an eviction publishes a rebuilt table. The
/// logging path hashes the values, probes and compares; it allocates only when it admits a segment
/// (its name and key copy, once).
/// </para>
/// </remarks>
internal sealed class SegmentKeys
{
    private readonly int _mask;
    private readonly string?[] _names;
    private readonly Entry?[] _entries;
    private readonly bool[] _pinned;
    private readonly long[] _retiredAt;
    private readonly Lock _admit = new();
    private volatile Entry?[] _table;
    private volatile int _count;
    private volatile int _generation;

    private readonly int _parts;

    /// <param name="maxSegments">Segments tracked at most, besides <see cref="SegmentNames.Other"/>.</param>
    /// <param name="parts">Values per segment name: 1 for an explicit key or one feature, else the number of features.</param>
    public SegmentKeys(int maxSegments, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        MaxSegments = maxSegments;
        SpareSlots = SparesFor(maxSegments);
        _parts = parts;
        int size = 4;
        while (size < 2 * (maxSegments + 1))
        {
            size <<= 1;
        }

        _table = new Entry?[size];
        _mask = size - 1;
        int slots = maxSegments + SpareSlots + 1;
        _names = new string?[slots];
        _entries = new Entry?[slots];
        _pinned = new bool[slots];
        _retiredAt = new long[slots];
        Array.Fill(_retiredAt, long.MinValue);
        _names[slots - 1] = SegmentNames.Other;
    }

    /// <summary>Segments tracked at most, besides <see cref="SegmentNames.Other"/>.</summary>
    public int MaxSegments { get; }

    /// <summary>Slots beyond <see cref="MaxSegments"/> for newcomers while evicted segments' slots retire: max(1, MaxSegments / 10), which also bounds the evictions per window.</summary>
    public int SpareSlots { get; }

    /// <summary>The slot of <see cref="SegmentNames.Other"/>: the last one.</summary>
    public int OtherSlot => _names.Length - 1;

    /// <summary>Every slot: the tracked segments', the spare ones and <see cref="SegmentNames.Other"/>.</summary>
    public int Slots => _names.Length;

    /// <summary>How many segments are tracked.</summary>
    public int Admitted => _count;

    /// <summary>The name of a slot's segment (null when the slot is free or retiring).</summary>
    public string? NameOf(int slot) => _names[slot];

    /// <summary>Changes whenever a segment leaves its slot (<see cref="Replace"/>): what was learned of names' slots before is stale then.</summary>
    public int Generation => _generation;

    /// <summary>Whether a slot's segment is never evicted (named in <c>Segments:Track</c>).</summary>
    public bool IsPinned(int slot) => _pinned[slot];

    /// <summary>The spare slots for <paramref name="maxSegments"/>.</summary>
    public static int SparesFor(int maxSegments) => Math.Max(1, maxSegments / 10);

    /// <summary>The slot of a single-value segment (an explicit key, or one feature's value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SlotOf(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return OtherSlot;
        }

        int hash = value.GetHashCode();
        var table = _table;
        for (int i = hash & _mask; ; i = (i + 1) & _mask)
        {
            var entry = Volatile.Read(ref table[i]);
            if (entry is null)
            {
                return _count >= MaxSegments ? OtherSlot : Admit([value], hash);
            }

            if (entry.Hash == hash && entry.Values.Length == 1 && string.Equals(entry.Values[0], value, StringComparison.Ordinal))
            {
                return entry.Slot;
            }
        }
    }

    /// <summary>The slot of a segment by several features' values (<paramref name="columns"/>, at least two, index <paramref name="categories"/>).</summary>
    public int SlotOf(ReadOnlySpan<string?> categories, int[] columns)
    {
        int hash = 17;
        foreach (int c in columns)
        {
            string? value = categories[c];
            if (string.IsNullOrEmpty(value))
            {
                return OtherSlot;
            }

            hash = unchecked((hash * 31) + value.GetHashCode());
        }

        var table = _table;
        for (int i = hash & _mask; ; i = (i + 1) & _mask)
        {
            var entry = Volatile.Read(ref table[i]);
            if (entry is null)
            {
                return _count >= MaxSegments ? OtherSlot : Admit(Copy(categories, columns), hash);
            }

            if (entry.Hash == hash && Matches(entry.Values, categories, columns))
            {
                return entry.Slot;
            }
        }
    }

    /// <summary>Admits a segment by name (configuration, a restored snapshot, a segmented reference, a promotion) unless the slots are taken.</summary>
    /// <param name="name">The segment's name.</param>
    /// <param name="pinned">Whether it is never evicted (named in <c>Segments:Track</c>).</param>
    /// <returns>The segment's slot, or <see cref="OtherSlot"/> when no slot was free.</returns>
    public int Admit(string name, bool pinned = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == SegmentNames.Other)
        {
            return OtherSlot;
        }

        // One value: the name itself, whatever it contains; several: split where they were joined.
        string[] values = _parts == 1 ? [name] : name.Split(SegmentNames.Separator);
        if (values.Length != _parts || values.Any(string.IsNullOrEmpty))
        {
            return OtherSlot;
        }

        int slot = Admit(values, _parts == 1 ? name.GetHashCode() : CombinedHash(values));
        if (pinned && slot != OtherSlot)
        {
            _pinned[slot] = true;
        }

        return slot;
    }

    /// <summary>Whether a name is one a row could carry (one non-empty value per segment feature), so it can be admitted.</summary>
    public bool IsAdmissible(string name) =>
        name != SegmentNames.Other && (_parts == 1 ? name.Length > 0 : name.Split(SegmentNames.Separator) is { } v && v.Length == _parts && !v.Any(string.IsNullOrEmpty));

    /// <summary>
    /// Replaces a tracked segment by a newcomer, at once (evaluator, collect lock): new rows of the evicted
    /// segment count in <see cref="SegmentNames.Other"/>; its slot retires and is reused only once
    /// <see cref="Release"/> frees it; the newcomer takes a free slot.
    /// </summary>
    /// <param name="slot">The evicted segment's slot (not pinned, not <see cref="OtherSlot"/>).</param>
    /// <param name="epoch">The last sub-window of the window at whose close it was evicted.</param>
    /// <param name="newcomer">The newcomer's name (<see cref="IsAdmissible"/>).</param>
    /// <returns>The newcomer's slot, or <see cref="OtherSlot"/> when no slot is free (nothing is evicted then).</returns>
    public int Replace(int slot, long epoch, string newcomer)
    {
        string[] values = _parts == 1 ? [newcomer] : newcomer.Split(SegmentNames.Separator);
        int hash = _parts == 1 ? newcomer.GetHashCode() : CombinedHash(values);
        lock (_admit)
        {
            if (slot == OtherSlot || _names[slot] is null || _pinned[slot])
            {
                throw new InvalidOperationException($"Slot {slot} holds no evictable segment.");
            }

            if (FreeSlots == 0 || !IsAdmissible(newcomer))
            {
                return OtherSlot;
            }

            _names[slot] = null;
            _entries[slot] = null;
            _retiredAt[slot] = epoch;
            _count--;
            _generation++;

            // A table without the entry; a logging thread still probing the old one routes the row to the retiring slot, whose rows count in "(other)".
            var table = new Entry?[_mask + 1];
            foreach (var entry in _entries)
            {
                if (entry is not null)
                {
                    int i = entry.Hash & _mask;
                    while (table[i] is not null)
                    {
                        i = (i + 1) & _mask;
                    }

                    table[i] = entry;
                }
            }

            _table = table;
            return AdmitLocked(values, hash);
        }
    }

    /// <summary>Whether a slot is retiring: its segment was evicted, and rows routed to it count in <see cref="SegmentNames.Other"/>.</summary>
    public bool IsRetiring(int slot) => _retiredAt[slot] != long.MinValue;

    /// <summary>Frees the retiring slots evicted at or before <paramref name="epoch"/> (no logging thread can route to them any more).</summary>
    public void Release(long epoch)
    {
        lock (_admit)
        {
            for (int s = 0; s < OtherSlot; s++)
            {
                if (_retiredAt[s] != long.MinValue && _retiredAt[s] <= epoch)
                {
                    _retiredAt[s] = long.MinValue;
                }
            }
        }
    }

    /// <summary>Slots neither tracked nor retiring: how many newcomers can be admitted now.</summary>
    public int FreeSlots
    {
        get
        {
            int free = 0;
            for (int s = 0; s < OtherSlot; s++)
            {
                free += _names[s] is null && _retiredAt[s] == long.MinValue ? 1 : 0;
            }

            return free;
        }
    }

    /// <summary>The slot of a segment by name, or -1 when it is not tracked.</summary>
    public int Find(string name)
    {
        if (name == SegmentNames.Other)
        {
            return OtherSlot;
        }

        for (int s = 0; s < OtherSlot; s++)
        {
            if (string.Equals(_names[s], name, StringComparison.Ordinal))
            {
                return s;
            }
        }

        return -1;
    }

    private static int CombinedHash(string[] values)
    {
        int hash = 17;
        foreach (string v in values)
        {
            hash = unchecked((hash * 31) + v.GetHashCode());
        }

        return hash;
    }

    private static bool Matches(string[] values, ReadOnlySpan<string?> categories, int[] columns)
    {
        if (values.Length != columns.Length)
        {
            return false;
        }

        for (int k = 0; k < columns.Length; k++)
        {
            if (!string.Equals(values[k], categories[columns[k]], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] Copy(ReadOnlySpan<string?> categories, int[] columns)
    {
        var values = new string[columns.Length];
        for (int k = 0; k < columns.Length; k++)
        {
            values[k] = categories[columns[k]]!;
        }

        return values;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Admit(string[] values, int hash)
    {
        lock (_admit)
        {
            return AdmitLocked(values, hash);
        }
    }

    private int AdmitLocked(string[] values, int hash)
    {
        var table = _table;
        int i = hash & _mask;
        for (; table[i] is { } entry; i = (i + 1) & _mask)
        {
            if (entry.Hash == hash && entry.Values.AsSpan().SequenceEqual(values))
            {
                return entry.Slot; // admitted by another thread meanwhile
            }
        }

        if (_count >= MaxSegments)
        {
            return OtherSlot;
        }

        // Fewer than MaxSegments tracked and at most SpareSlots retiring (an eviction needs a free slot): a free slot exists.
        int slot = 0;
        while (slot < OtherSlot && (_names[slot] is not null || _retiredAt[slot] != long.MinValue))
        {
            slot++;
        }

        if (slot == OtherSlot)
        {
            return OtherSlot;
        }

        var admitted = new Entry(values, hash, slot);
        _names[slot] = string.Join(SegmentNames.Separator, values);
        _entries[slot] = admitted;
        _pinned[slot] = false;
        Volatile.Write(ref table[i], admitted);
        _count++;
        return slot;
    }

    /// <summary>One admitted segment: immutable once published.</summary>
    private sealed record Entry(string[] Values, int Hash, int Slot);
}

using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// The bounded admission of a model's segments: maps a prediction's segment values to a slot in
/// [0, <c>MaxSegments</c>], the last slot being <see cref="SegmentNames.Other"/>.
/// </summary>
/// <remarks>
/// <para>
/// Admission: a segment value seen for the first time takes a free slot while fewer than
/// <c>MaxSegments</c> are tracked (in the order they appear; segments named in configuration are
/// admitted first), and keeps it for the monitor's life, so a slot always means the same segment
/// in every sub-window, shard and snapshot. Once the slots are taken, every new value counts in
/// <see cref="SegmentNames.Other"/>: memory stays at the cap whatever the key stream.
/// </para>
/// <para>
/// Reads are lock-free: an open-addressing table of immutable entries, at most half full, written
/// only under the admission lock with a release store. The logging path hashes the values, probes
/// and compares; it allocates only when it admits a segment (its name and key copy, once).
/// </para>
/// </remarks>
internal sealed class SegmentKeys
{
    private readonly Entry?[] _table;
    private readonly int _mask;
    private readonly string[] _names;
    private readonly Lock _admit = new();
    private volatile int _count;

    private readonly int _parts;

    /// <param name="maxSegments">Segments tracked at most, besides <see cref="SegmentNames.Other"/>.</param>
    /// <param name="parts">Values per segment name: 1 for an explicit key or one feature, else the number of features.</param>
    public SegmentKeys(int maxSegments, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        MaxSegments = maxSegments;
        _parts = parts;
        int size = 4;
        while (size < 2 * (maxSegments + 1))
        {
            size <<= 1;
        }

        _table = new Entry?[size];
        _mask = size - 1;
        _names = new string[maxSegments + 1];
        _names[maxSegments] = SegmentNames.Other;
    }

    /// <summary>Segments tracked at most, besides <see cref="SegmentNames.Other"/>.</summary>
    public int MaxSegments { get; }

    /// <summary>The slot of <see cref="SegmentNames.Other"/>: the last one.</summary>
    public int OtherSlot => MaxSegments;

    /// <summary>Slots in use: the admitted segments plus <see cref="SegmentNames.Other"/>.</summary>
    public int Slots => MaxSegments + 1;

    /// <summary>How many segments have been admitted.</summary>
    public int Admitted => _count;

    /// <summary>The name of a slot's segment (null when the slot is free).</summary>
    public string? NameOf(int slot) => _names[slot];

    /// <summary>The slot of a single-value segment (an explicit key, or one feature's value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SlotOf(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return OtherSlot;
        }

        int hash = value.GetHashCode();
        for (int i = hash & _mask; ; i = (i + 1) & _mask)
        {
            var entry = Volatile.Read(ref _table[i]);
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

        for (int i = hash & _mask; ; i = (i + 1) & _mask)
        {
            var entry = Volatile.Read(ref _table[i]);
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

    /// <summary>Admits a segment by name (configuration, a restored snapshot, a segmented reference) unless the slots are taken.</summary>
    /// <returns>The segment's slot, or <see cref="OtherSlot"/> when no slot was free.</returns>
    public int Admit(string name)
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

        return Admit(values, _parts == 1 ? name.GetHashCode() : CombinedHash(values));
    }

    /// <summary>The slot of a segment by name, or -1 when it is not tracked.</summary>
    public int Find(string name)
    {
        if (name == SegmentNames.Other)
        {
            return OtherSlot;
        }

        for (int s = 0; s < _count; s++)
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
            int i = hash & _mask;
            for (; _table[i] is { } entry; i = (i + 1) & _mask)
            {
                if (entry.Hash == hash && entry.Values.AsSpan().SequenceEqual(values))
                {
                    return entry.Slot; // admitted by another thread meanwhile
                }
            }

            int slot = _count;
            if (slot >= MaxSegments)
            {
                return OtherSlot;
            }

            _names[slot] = string.Join(SegmentNames.Separator, values);
            Volatile.Write(ref _table[i], new Entry(values, hash, slot));
            _count = slot + 1;
            return slot;
        }
    }

    /// <summary>One admitted segment: immutable once published.</summary>
    private sealed record Entry(string[] Values, int Hash, int Slot);
}

using ModelWatch.Monitoring;
using ParquetSharp;

namespace ModelWatch.Parquet.Reading;

/// <summary>
/// The segments of a file and their slots, decided before the columns are profiled by one pass over
/// the segment columns in file order: the first <c>maxSegments</c> names to appear are segments
/// (slots 0, 1, …); rows of later names, and rows with a null or empty segment value, are in
/// <see cref="SegmentNames.Other"/> (slot <see cref="OtherSlot"/>) — the rule of
/// <c>ProfileBuilder.SegmentBy</c> and of the CSV reader.
/// </summary>
/// <remarks>
/// Deciding first is what lets the columns be profiled in parallel, row group by row group: a
/// thread reading any chunk finds each row's slot in a table that no longer changes, so concurrent
/// lookups need no lock, and the slots do not depend on which chunk is read first. Memory is the
/// names (at most <c>maxSegments</c>) and their row counts.
/// </remarks>
internal sealed class SegmentIndex
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string?[] _names;
    private readonly long[] _rows;

    private SegmentIndex(FileColumn[] columns, int maxSegments)
    {
        Columns = columns;
        OtherSlot = maxSegments;
        _lookup = _slots.GetAlternateLookup<ReadOnlySpan<char>>();
        _names = new string?[maxSegments + 1];
        _rows = new long[maxSegments + 1];
    }

    /// <summary>Gets the segment columns, in the order their values are joined.</summary>
    public FileColumn[] Columns { get; }

    /// <summary>Gets the slot of <see cref="SegmentNames.Other"/>, after every other one.</summary>
    public int OtherSlot { get; }

    /// <summary>Gets the number of slots (segments and <see cref="SegmentNames.Other"/>).</summary>
    public int SlotCount => OtherSlot + 1;

    /// <summary>Gets the name of a slot, or null when the slot has no rows.</summary>
    public string? NameOf(int slot) => _rows[slot] > 0 ? _names[slot] : null;

    /// <summary>Gets the rows of a slot.</summary>
    public long RowsOf(int slot) => _rows[slot];

    /// <summary>Reads the segment columns of every row group in order and admits the segments.</summary>
    /// <exception cref="InvalidDataException">A segment column's chunk holds fewer rows than its row group.</exception>
    /// <exception cref="ParquetException">A chunk cannot be read.</exception>
    public static SegmentIndex Build(ParquetFileReader file, FileColumn[] columns, long[] rowGroupRows, int maxSegments, int batchRows, Action<int>? rowGroupDone, CancellationToken cancellationToken)
    {
        var index = new SegmentIndex(columns, maxSegments);
        index._names[maxSegments] = SegmentNames.Other;
        var cursor = new SegmentCursor(index, batchRows);
        for (int g = 0; g < rowGroupRows.Length; g++)
        {
            using (var group = file.RowGroup(g))
            {
                cursor.Start(group);
                try
                {
                    long remaining = rowGroupRows[g];
                    while (remaining > 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        int rows = (int)Math.Min(remaining, batchRows);
                        foreach (int slot in cursor.Next(rows, admit: true))
                        {
                            index._rows[slot]++;
                        }

                        remaining -= rows;
                    }
                }
                finally
                {
                    cursor.Stop();
                }
            }

            rowGroupDone?.Invoke(g);
        }

        return index;
    }

    /// <summary>The slot of a segment name (null or empty: no segment), admitting a new name while there is room when <paramref name="admit"/> is set.</summary>
    public int SlotOf(ReadOnlySpan<char> name, bool isMissing, bool admit)
    {
        if (isMissing || name.IsEmpty)
        {
            return OtherSlot;
        }

        if (_lookup.TryGetValue(name, out int slot))
        {
            return slot;
        }

        if (!admit || _slots.Count >= OtherSlot || name.SequenceEqual(SegmentNames.Other))
        {
            return OtherSlot;
        }

        slot = _slots.Count;
        string text = name.ToString();
        _slots.Add(text, slot);
        _names[slot] = text;
        return slot;
    }
}

using ModelWatch.Monitoring;
using ParquetSharp;

namespace ModelWatch.Parquet.Reading;

/// <summary>
/// Each row's segment slot, batch by batch alongside a column chunk being profiled: it reads the
/// same row group's segment columns in step with the chunk (their own column readers) and looks each
/// row's name up in the <see cref="SegmentIndex"/>.
/// </summary>
/// <remarks>
/// One per reading thread, reused for every chunk. Reading the segment columns again beside each
/// chunk, rather than keeping every row's slot, is what keeps memory bounded by the batch size
/// instead of the row group's rows; the price is decoding the segment columns once more per
/// profiled column.
/// </remarks>
internal sealed class SegmentCursor
{
    private readonly SegmentIndex _index;
    private readonly SegmentValueReader[] _columns;
    private readonly string?[][] _values;
    private readonly ColumnReader?[] _readers;
    private readonly int[] _slots;
    private readonly SegmentNameBuffer _key = new();

    public SegmentCursor(SegmentIndex index, int batchRows)
    {
        _index = index;
        _columns = [.. index.Columns.Select(c => new SegmentValueReader(c, batchRows))];
        _values = [.. index.Columns.Select(_ => new string?[batchRows])];
        _readers = new ColumnReader?[index.Columns.Length];
        _slots = new int[batchRows];
    }

    /// <summary>Starts reading the segment columns of a row group from its first row.</summary>
    public void Start(RowGroupReader group)
    {
        for (int s = 0; s < _columns.Length; s++)
        {
            _readers[s] = group.Column(_columns[s].Column.Leaf);
            _columns[s].Start(_readers[s]!);
        }
    }

    /// <summary>Closes the row group's segment column readers.</summary>
    public void Stop()
    {
        for (int s = 0; s < _readers.Length; s++)
        {
            _readers[s]?.Dispose();
            _readers[s] = null;
        }
    }

    /// <summary>The slots of the row group's next <paramref name="rows"/> rows (valid until the next call).</summary>
    /// <param name="rows">How many rows, at most the batch size.</param>
    /// <param name="admit">Whether new names become segments while there is room (the first pass over the file only).</param>
    /// <exception cref="InvalidDataException">A segment column ends before that many rows.</exception>
    public ReadOnlySpan<int> Next(int rows, bool admit = false)
    {
        for (int s = 0; s < _columns.Length; s++)
        {
            _columns[s].Read(_values[s].AsSpan(0, rows));
        }

        for (int r = 0; r < rows; r++)
        {
            _slots[r] = _columns.Length == 1 ? _index.SlotOf(_values[0][r], _values[0][r] is null, admit) : Joined(r, admit);
        }

        return _slots.AsSpan(0, rows);
    }

    /// <summary>The slot of a row segmented by several columns: their values joined by <see cref="SegmentNames.Separator"/>; a missing one puts the row in <see cref="SegmentNames.Other"/>.</summary>
    private int Joined(int row, bool admit)
    {
        _key.Clear();
        for (int s = 0; s < _values.Length; s++)
        {
            string? value = _values[s][row];
            if (string.IsNullOrEmpty(value))
            {
                return _index.OtherSlot;
            }

            _key.Append(value);
        }

        return _index.SlotOf(_key.Name, isMissing: false, admit);
    }
}

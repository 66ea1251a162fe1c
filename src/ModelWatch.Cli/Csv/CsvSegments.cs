using ModelWatch.Monitoring;
using ModelWatch.Profiles;
using nietras.SeparatedValues;

namespace ModelWatch.Cli.Csv;

/// <summary>
/// <c>--segment-by</c> for CSV input: which segment each row belongs to, and a profile per segment
/// with the whole file's columns, as <see cref="ProfileBuilder.SegmentBy"/> builds them: at most
/// <see cref="CsvReadOptions.MaxSegments"/> segments, the first values to appear; the rest, and rows
/// with an empty segment cell, in <see cref="SegmentNames.Other"/>. Several columns name a segment by
/// their values joined with <see cref="SegmentNames.Separator"/>.
/// </summary>
/// <remarks>
/// Looking a row's segment up allocates nothing once the segment exists (a span lookup into the
/// names); a new segment costs its name and its columns' accumulators. Slots are fixed once
/// assigned, so the statistics thread reads them by index without locks: a slot's profiles are
/// created on the reading thread before the batch that first uses it is handed over.
/// </remarks>
internal sealed class CsvSegments
{
    private readonly int[] _columns;
    private readonly int _max;
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string?[] _names;
    private readonly long[] _rows;
    private readonly SegmentNameBuffer _key = new();
    private Func<FeatureProfile[]>? _newColumns;

    private CsvSegments(int[] columns, int maxSegments)
    {
        _columns = columns;
        _max = maxSegments;
        _lookup = _slots.GetAlternateLookup<ReadOnlySpan<char>>();
        _names = new string?[maxSegments + 1];
        _rows = new long[maxSegments + 1];
        Profiles = new FeatureProfile[]?[maxSegments + 1];
    }

    /// <summary>Gets each slot's column profiles (null until the slot's first row), in the whole profile's column order.</summary>
    public FeatureProfile[]?[] Profiles { get; }

    /// <summary>The segments of <paramref name="options"/>, or null when none is asked for; the segment columns become categorical.</summary>
    /// <exception cref="CliException">A segment column is not in the file, is ignored (<c>--ignore</c>, or not among a reference's columns), is declared numeric or is the prediction.</exception>
    public static CsvSegments? Create(ColumnPlan plan, CsvReadOptions options, string source)
    {
        if (options.SegmentBy.Count == 0)
        {
            return null;
        }

        var columns = new int[options.SegmentBy.Count];
        for (int s = 0; s < columns.Length; s++)
        {
            string name = options.SegmentBy[s];
            int i = Array.IndexOf(plan.Names, name);
            if (i < 0)
            {
                throw new CliException($"{source}: --segment-by names no column '{name}' (the file's columns: {string.Join(", ", plan.Names)}).");
            }

            if (Array.IndexOf(columns, i, 0, s) >= 0)
            {
                throw new CliException($"--segment-by lists '{name}' twice.");
            }

            switch (plan.Roles[i])
            {
                case ColumnRole.Ignored when options.Schema is null && !options.Ignore.Contains(name):
                    break; // left out by --columns only: --segment-by names it, as --categorical would
                case ColumnRole.Ignored:
                    throw new CliException($"--segment-by '{name}': the column is ignored; segment by a column that is profiled.");
                case ColumnRole.Numeric:
                    throw new CliException($"--segment-by '{name}': the column is numeric; segments are named by categorical values (declare it with --categorical).");
            }

            if (plan.IsPrediction[i])
            {
                throw new CliException($"--segment-by '{name}': the prediction cannot name the segments.");
            }

            plan.Roles[i] = ColumnRole.Categorical; // decided here, not inferred: segments are named by its values
            columns[s] = i;
        }

        return new CsvSegments(columns, options.MaxSegments);
    }

    /// <summary>Fixes how a new segment's column profiles are made (once every column's kind is decided).</summary>
    public void Start(Func<FeatureProfile[]> newColumns) => _newColumns = newColumns;

    /// <summary>The slot of a row's segment, its profiles created on first use; counts the row.</summary>
    public int SlotOf(SepReader.Row row)
    {
        ReadOnlySpan<char> key;
        if (_columns.Length == 1)
        {
            key = row[_columns[0]].Span;
        }
        else
        {
            _key.Clear();
            for (int s = 0; s < _columns.Length; s++)
            {
                var cell = row[_columns[s]].Span;
                if (cell.IsEmpty)
                {
                    return Count(OtherSlot());
                }

                _key.Append(cell);
            }

            key = _key.Name;
        }

        return Count(Slot(key));
    }

    /// <summary>The slot of a row buffered as text (the rows read while column kinds were inferred).</summary>
    public int SlotOf(string[] cells)
    {
        if (_columns.Length == 1)
        {
            return Count(Slot(cells[_columns[0]]));
        }

        _key.Clear();
        for (int s = 0; s < _columns.Length; s++)
        {
            if (cells[_columns[s]].Length == 0)
            {
                return Count(OtherSlot());
            }

            _key.Append(cells[_columns[s]]);
        }

        return Count(Slot(_key.Name));
    }

    /// <summary>Adds every segment with rows to <paramref name="whole"/>.</summary>
    public void AddTo(Profile whole)
    {
        for (int slot = 0; slot < Profiles.Length; slot++)
        {
            if (Profiles[slot] is { } columns && _names[slot] is { } name)
            {
                whole.SetSegment(name, new Profile(ProfileKind.Dataset, columns) { Rows = _rows[slot] });
            }
        }
    }

    private int Count(int slot)
    {
        _rows[slot]++;
        return slot;
    }

    private int Slot(ReadOnlySpan<char> key)
    {
        if (_lookup.TryGetValue(key, out int slot))
        {
            return slot;
        }

        if (key.IsEmpty || key.SequenceEqual(SegmentNames.Other) || _slots.Count >= _max)
        {
            return OtherSlot();
        }

        slot = _slots.Count;
        string name = key.ToString();
        _slots.Add(name, slot);
        Open(slot, name);
        return slot;
    }

    private int OtherSlot()
    {
        Open(_max, SegmentNames.Other);
        return _max;
    }

    private void Open(int slot, string name)
    {
        if (Profiles[slot] is null)
        {
            _names[slot] = name;
            Profiles[slot] = _newColumns!();
        }
    }
}

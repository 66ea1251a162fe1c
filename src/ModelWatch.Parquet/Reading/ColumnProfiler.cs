using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ModelWatch.Drift;
using ModelWatch.Profiles;
using ParquetSharp;

namespace ModelWatch.Parquet.Reading;

/// <summary>
/// Feeds one column's values, chunk after chunk in file order, into its <see cref="FeatureProfile"/>:
/// numbers into moments and the quantile sketch, categories into the category counts, a null as a
/// missing value (NaN, or an empty category). Row order is kept, so the statistics are exactly those
/// a sequential <see cref="ProfileBuilder"/> builds from the same rows.
/// </summary>
/// <remarks>
/// One thread at a time (the scheduler hands a column to one reader at once). With segments, each
/// row's value also goes to its segment's profile of the column (<see cref="SegmentProfiles"/>), the
/// row's slot coming from the thread's <see cref="Buffers.Segments"/> in step with the chunk, so each
/// segment too sees its rows in file order.
/// </remarks>
internal sealed unsafe class ColumnProfiler
{
    private static readonly string True = bool.TrueString.ToLowerInvariant();
    private static readonly string False = bool.FalseString.ToLowerInvariant();
    private readonly ValueKind _valueKind;
    private readonly short _maxDefinitionLevel;
    private readonly double _decimalDivisor;
    private readonly TextCache? _text;

    public ColumnProfiler(PlannedColumn column, int sketchK, SegmentIndex? segments = null)
    {
        Column = column;
        _valueKind = column.Source.Type.Kind!.Value;
        _maxDefinitionLevel = column.Source.MaxDefinitionLevel;
        // 10^s is exact up to s = 22, so unscaled / 10^s is the double nearest the decimal value, as parsing its text gives.
        _decimalDivisor = Math.Pow(10, column.Source.Type.Scale);
        _text = _valueKind == ValueKind.Text ? new TextCache() : null;
        Profile = NewProfile(column, sketchK);
        if (segments is not null)
        {
            SegmentProfiles = new FeatureProfile?[segments.SlotCount];
            for (int slot = 0; slot < SegmentProfiles.Length; slot++)
            {
                SegmentProfiles[slot] = segments.RowsOf(slot) > 0 ? NewProfile(column, sketchK) : null;
            }
        }
    }

    /// <summary>Gets the planned column.</summary>
    public PlannedColumn Column { get; }

    /// <summary>Gets the column's statistics.</summary>
    public FeatureProfile Profile { get; }

    /// <summary>Gets the column's statistics in each segment slot (null for a slot without rows), or null without segments.</summary>
    public FeatureProfile?[]? SegmentProfiles { get; }

    /// <summary>Reads a column chunk of <paramref name="rows"/> rows.</summary>
    /// <exception cref="InvalidDataException">The chunk holds fewer or more rows than its row group says.</exception>
    public void Read(ColumnReader reader, long rows, Buffers buffers, CancellationToken cancellationToken)
    {
        _text?.Clear();
        long remaining = rows;
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int want = (int)Math.Min(remaining, buffers.BatchRows);
            int read = _valueKind switch
            {
                ValueKind.Double => ReadNumbers<double>(reader, want, buffers),
                ValueKind.Float => ReadNumbers<float>(reader, want, buffers),
                ValueKind.Int32 or ValueKind.UInt32 or ValueKind.Decimal32 => ReadIntegers<int>(reader, want, buffers),
                ValueKind.Int64 or ValueKind.UInt64 or ValueKind.Decimal64 => ReadIntegers<long>(reader, want, buffers),
                ValueKind.Boolean => ReadBooleans(reader, want, buffers),
                ValueKind.Text => ReadText(reader, want, buffers),
                _ => throw new InvalidOperationException($"No reader for {_valueKind}."),
            };
            if (read == 0)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"column '{Column.Source.Name}' ends {remaining:N0} rows before its row group does"));
            }

            remaining -= read;
        }

        if (reader.HasNext)
        {
            throw new InvalidDataException($"column '{Column.Source.Name}' holds more values than its row group has rows");
        }
    }

    private int ReadNumbers<T>(ColumnReader reader, int want, Buffers buffers)
        where T : unmanaged
    {
        var values = buffers.Values.AsSpan(0, want);
        Span<T> raw = typeof(T) == typeof(double) ? MemoryMarshal.Cast<double, T>(values) : MemoryMarshal.Cast<byte, T>(buffers.Raw.AsSpan())[..want];
        int levels = ReadBatch((ColumnReader<T>)reader, want, buffers, raw, out int count);
        if (typeof(T) == typeof(float))
        {
            var floats = MemoryMarshal.Cast<T, float>(raw);
            for (int i = 0; i < count; i++)
            {
                values[i] = floats[i];
            }
        }

        return AddNumbers(values, levels, count, buffers);
    }

    private int ReadIntegers<T>(ColumnReader reader, int want, Buffers buffers)
        where T : unmanaged
    {
        var raw = MemoryMarshal.Cast<byte, T>(buffers.Raw.AsSpan())[..want];
        int levels = ReadBatch((ColumnReader<T>)reader, want, buffers, raw, out int count);
        if (Column.Kind == FeatureKind.Categorical)
        {
            AddIntegerCategories(raw, levels, count, buffers);
            return levels;
        }

        var values = buffers.Values.AsSpan(0, want);
        if (typeof(T) == typeof(int))
        {
            var ints = MemoryMarshal.Cast<T, int>(raw);
            switch (_valueKind)
            {
                case ValueKind.UInt32:
                    for (int i = 0; i < count; i++)
                    {
                        values[i] = (uint)ints[i];
                    }

                    break;
                case ValueKind.Decimal32:
                    for (int i = 0; i < count; i++)
                    {
                        values[i] = ints[i] / _decimalDivisor;
                    }

                    break;
                default:
                    for (int i = 0; i < count; i++)
                    {
                        values[i] = ints[i];
                    }

                    break;
            }
        }
        else
        {
            var longs = MemoryMarshal.Cast<T, long>(raw);
            switch (_valueKind)
            {
                case ValueKind.UInt64:
                    for (int i = 0; i < count; i++)
                    {
                        values[i] = (ulong)longs[i];
                    }

                    break;
                case ValueKind.Decimal64:
                    for (int i = 0; i < count; i++)
                    {
                        values[i] = longs[i] / _decimalDivisor;
                    }

                    break;
                default:
                    for (int i = 0; i < count; i++)
                    {
                        values[i] = longs[i];
                    }

                    break;
            }
        }

        return AddNumbers(values, levels, count, buffers);
    }

    private int AddNumbers(Span<double> values, int levels, int count, Buffers buffers)
    {
        if (count < levels)
        {
            // The reader packs the values of non-null rows at the front; spread them to their rows from the back, NaN between.
            var definition = buffers.DefinitionLevels;
            int from = count - 1;
            for (int i = levels - 1; i >= 0; i--)
            {
                values[i] = definition[i] == _maxDefinitionLevel ? values[from--] : double.NaN;
            }
        }

        var rows = values[..levels];
        Profile.Moments!.Add(rows);
        Profile.Sketch!.Add(rows);
        if (SegmentProfiles is { } segments)
        {
            var slots = buffers.Segments!.Next(levels);
            for (int i = 0; i < rows.Length; i++)
            {
                segments[slots[i]]!.Add(rows[i]);
            }
        }

        return levels;
    }

    private void AddIntegerCategories<T>(Span<T> raw, int levels, int count, Buffers buffers)
        where T : unmanaged
    {
        var categories = Profile.Categories!;
        var slots = Slots(buffers, levels);
        Span<char> text = stackalloc char[24];
        int next = 0;
        for (int i = 0; i < levels; i++)
        {
            if (count < levels && buffers.DefinitionLevels[i] != _maxDefinitionLevel)
            {
                categories.Add(ReadOnlySpan<char>.Empty);
                AddToSegment(slots, i, ReadOnlySpan<char>.Empty);
                continue;
            }

            ref T value = ref raw[next++];
            int written;
            bool formatted = typeof(T) == typeof(int)
                ? _valueKind == ValueKind.UInt32
                    ? ((uint)Unsafe.As<T, int>(ref value)).TryFormat(text, out written, provider: CultureInfo.InvariantCulture)
                    : Unsafe.As<T, int>(ref value).TryFormat(text, out written, provider: CultureInfo.InvariantCulture)
                : _valueKind == ValueKind.UInt64
                    ? ((ulong)Unsafe.As<T, long>(ref value)).TryFormat(text, out written, provider: CultureInfo.InvariantCulture)
                    : Unsafe.As<T, long>(ref value).TryFormat(text, out written, provider: CultureInfo.InvariantCulture);
            categories.Add(text[..(formatted ? written : 0)]);
            AddToSegment(slots, i, text[..(formatted ? written : 0)]);
        }
    }

    private int ReadBooleans(ColumnReader reader, int want, Buffers buffers)
    {
        var raw = MemoryMarshal.Cast<byte, bool>(buffers.Raw.AsSpan())[..want];
        int levels = ReadBatch((ColumnReader<bool>)reader, want, buffers, raw, out int count);
        var categories = Profile.Categories!;
        var slots = Slots(buffers, levels);
        int next = 0;
        for (int i = 0; i < levels; i++)
        {
            string? value = count < levels && buffers.DefinitionLevels[i] != _maxDefinitionLevel ? null : raw[next++] ? True : False;
            categories.Add(value);
            AddToSegment(slots, i, value);
        }

        return levels;
    }

    private int ReadText(ColumnReader reader, int want, Buffers buffers)
    {
        var raw = buffers.Bytes.AsSpan(0, want);
        int levels = ReadBatch((ColumnReader<ByteArray>)reader, want, buffers, raw, out int count);
        var categories = Profile.Categories!;
        var slots = Slots(buffers, levels);
        int next = 0;
        for (int i = 0; i < levels; i++)
        {
            if (count < levels && buffers.DefinitionLevels[i] != _maxDefinitionLevel)
            {
                categories.Add(ReadOnlySpan<char>.Empty);
                AddToSegment(slots, i, ReadOnlySpan<char>.Empty);
                continue;
            }

            var value = raw[next++];
            if (_text!.Get(value) is { } cached)
            {
                categories.Add(cached);
                AddToSegment(slots, i, cached);
                continue;
            }

            // Too long to cache: decode into the scratch characters (the counter keeps a truncated key of a long value).
            var bytes = new ReadOnlySpan<byte>((void*)value.Pointer, value.Length);
            if (buffers.Chars.Length < value.Length)
            {
                buffers.Chars = new char[value.Length];
            }

            int chars = System.Text.Encoding.UTF8.GetChars(bytes, buffers.Chars);
            categories.Add(buffers.Chars.AsSpan(0, chars));
            AddToSegment(slots, i, buffers.Chars.AsSpan(0, chars));
        }

        return levels;
    }

    /// <summary>The slots of the batch's rows, or empty without segments.</summary>
    private ReadOnlySpan<int> Slots(Buffers buffers, int levels) => SegmentProfiles is null ? default : buffers.Segments!.Next(levels);

    /// <summary>Counts a row's category in its segment too (nothing without segments).</summary>
    private void AddToSegment(ReadOnlySpan<int> slots, int row, ReadOnlySpan<char> value)
    {
        if (!slots.IsEmpty)
        {
            SegmentProfiles![slots[row]]!.Categories!.Add(value);
        }
    }

    /// <summary>Counts a row's category, kept as a string, in its segment too (nothing without segments).</summary>
    private void AddToSegment(ReadOnlySpan<int> slots, int row, string? value)
    {
        if (!slots.IsEmpty)
        {
            SegmentProfiles![slots[row]]!.Categories!.Add(value);
        }
    }

    private static FeatureProfile NewProfile(PlannedColumn column, int sketchK) => column.Kind == FeatureKind.Numeric
        ? FeatureProfile.Numeric(column.Source.Name, column.IsPrediction, sketchK)
        : FeatureProfile.Categorical(column.Source.Name, column.IsPrediction);

    private int ReadBatch<T>(ColumnReader<T> reader, int want, Buffers buffers, Span<T> values, out int count)
        where T : unmanaged
    {
        var definition = _maxDefinitionLevel > 0 ? buffers.DefinitionLevels.AsSpan(0, want) : default;
        long levels = reader.ReadBatch(want, definition, default, values, out long valuesRead);
        count = (int)valuesRead;
        return (int)levels;
    }
}

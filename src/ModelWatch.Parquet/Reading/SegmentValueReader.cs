using System.Globalization;
using System.Runtime.InteropServices;
using ParquetSharp;

namespace ModelWatch.Parquet.Reading;

/// <summary>
/// Decodes a segment column's chunk into each row's segment value as text: a string or enum as it
/// is, an integer by its decimal text, a boolean as <c>true</c> or <c>false</c> (what a CSV cell of
/// the same row holds), null for a null. Exactly the rows asked for, however the reader's pages split
/// them.
/// </summary>
/// <remarks>
/// One per reading thread and segment column, its scratch arrays reused for every chunk. Text values
/// come from a <see cref="TextCache"/> and integers from a direct-mapped cache of their text, so a
/// row allocates nothing when its value was seen recently; memory is bounded by the batch size and
/// the caches' fixed sizes, whatever the column holds.
/// </remarks>
internal sealed unsafe class SegmentValueReader
{
    private const int IntegerCacheSize = 4_096;
    private static readonly string True = bool.TrueString.ToLowerInvariant();
    private static readonly string False = bool.FalseString.ToLowerInvariant();

    private readonly FileColumn _column;
    private readonly ValueKind _kind;
    private readonly short[] _definition;
    private readonly long[] _integers;
    private readonly bool[] _booleans;
    private readonly ByteArray[] _bytes;
    private readonly TextCache? _text;
    private readonly (long Value, string? Text)[]? _integerText;
    private ColumnReader? _reader;

    public SegmentValueReader(FileColumn column, int batchRows)
    {
        _column = column;
        _kind = column.Type.Kind!.Value;
        _definition = new short[batchRows];
        _integers = _kind is ValueKind.Int32 or ValueKind.UInt32 or ValueKind.Int64 or ValueKind.UInt64 ? new long[batchRows] : [];
        _booleans = _kind == ValueKind.Boolean ? new bool[batchRows] : [];
        _bytes = _kind == ValueKind.Text ? new ByteArray[batchRows] : [];
        _text = _kind == ValueKind.Text ? new TextCache() : null;
        _integerText = _integers.Length > 0 ? new (long, string?)[IntegerCacheSize] : null;
    }

    /// <summary>Gets the column read.</summary>
    public FileColumn Column => _column;

    /// <summary>Starts a chunk: the values come from <paramref name="reader"/> (owned by the caller) from its first row.</summary>
    public void Start(ColumnReader reader)
    {
        _reader = reader;
        _text?.Clear();
    }

    /// <summary>Decodes the next <paramref name="values"/>.Length rows of the chunk (at most the batch size).</summary>
    /// <exception cref="InvalidDataException">The chunk ends before that many rows.</exception>
    public void Read(Span<string?> values)
    {
        int done = 0;
        while (done < values.Length)
        {
            int read = ReadSome(values[done..]);
            if (read == 0)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"segment column '{_column.Name}' ends {values.Length - done:N0} rows before its row group does"));
            }

            done += read;
        }
    }

    private int ReadSome(Span<string?> into)
    {
        int want = into.Length;
        var definition = _column.MaxDefinitionLevel > 0 ? _definition.AsSpan(0, want) : default;
        long levels;
        long count;
        switch (_kind)
        {
            case ValueKind.Text:
                levels = ((ColumnReader<ByteArray>)_reader!).ReadBatch(want, definition, default, _bytes.AsSpan(0, want), out count);
                break;
            case ValueKind.Boolean:
                levels = ((ColumnReader<bool>)_reader!).ReadBatch(want, definition, default, _booleans.AsSpan(0, want), out count);
                break;
            case ValueKind.Int32 or ValueKind.UInt32:
                // Read as ints into the front of the long scratch, widened below from the back.
                levels = ((ColumnReader<int>)_reader!).ReadBatch(want, definition, default, MemoryMarshal.Cast<long, int>(_integers.AsSpan(0, want)), out count);
                break;
            default:
                levels = ((ColumnReader<long>)_reader!).ReadBatch(want, definition, default, _integers.AsSpan(0, want), out count);
                break;
        }

        if (_kind is ValueKind.Int32 or ValueKind.UInt32)
        {
            var ints = MemoryMarshal.Cast<long, int>(_integers.AsSpan(0, want));
            for (int v = (int)count - 1; v >= 0; v--)
            {
                _integers[v] = _kind == ValueKind.UInt32 ? (uint)ints[v] : ints[v];
            }
        }

        int next = 0;
        for (int r = 0; r < levels; r++)
        {
            into[r] = count < levels && _definition[r] != _column.MaxDefinitionLevel ? null : Value(next++);
        }

        return (int)levels;
    }

    private string? Value(int v) => _kind switch
    {
        ValueKind.Text => Text(_bytes[v]),
        ValueKind.Boolean => _booleans[v] ? True : False,
        _ => Integer(_integers[v]),
    };

    private string Text(ByteArray value) =>
        _text!.Get(value) ?? System.Text.Encoding.UTF8.GetString(new ReadOnlySpan<byte>((void*)value.Pointer, value.Length));

    private string Integer(long value)
    {
        ref var entry = ref _integerText![(int)((ulong)(value * unchecked((long)0x9E3779B97F4A7C15UL)) >> 52)];
        if (entry.Text is null || entry.Value != value)
        {
            // An unsigned 64-bit value above long.MaxValue was read into a long: its text is the unsigned one.
            string text = _kind == ValueKind.UInt64 ? ((ulong)value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
            entry = (value, text);
        }

        return entry.Text;
    }
}

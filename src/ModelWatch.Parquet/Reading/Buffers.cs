using ParquetSharp;

namespace ModelWatch.Parquet.Reading;

/// <summary>One reading thread's scratch arrays, sized for one batch of rows and reused for every column chunk it reads.</summary>
internal sealed class Buffers(int batchRows)
{
    /// <summary>Gets the rows per batch.</summary>
    public int BatchRows { get; } = batchRows;

    /// <summary>Gets the values as doubles, in row order (a null is NaN).</summary>
    public double[] Values { get; } = new double[batchRows];

    /// <summary>Gets the raw values of a numeric or boolean column as read (8 bytes a row at most).</summary>
    public byte[] Raw { get; } = new byte[batchRows * sizeof(long)];

    /// <summary>Gets the definition levels of an optional column (max level: a value; below: null).</summary>
    public short[] DefinitionLevels { get; } = new short[batchRows];

    /// <summary>Gets the byte arrays of a text column (pointers into the reader's pages or dictionary).</summary>
    public ByteArray[] Bytes { get; } = new ByteArray[batchRows];

    /// <summary>Gets the slots of the rows being read, in step with the chunk; null without segments.</summary>
    public SegmentCursor? Segments { get; init; }

    /// <summary>Gets characters to decode a value into (grown for long values).</summary>
    public char[] Chars { get; set; } = new char[256];
}

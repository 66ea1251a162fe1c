namespace ModelWatch.Estimation;

/// <summary>One chunk of a data set: a run of consecutive rows, as NannyML's chunkers cut them.</summary>
public sealed class DataChunk
{
    internal DataChunk()
    {
    }

    /// <summary>Gets the chunk's key, <c>"[first:last]"</c> with an inclusive last row, as NannyML writes it.</summary>
    public string Key { get; internal init; } = string.Empty;

    /// <summary>Gets the chunk's position in the data set, from 0.</summary>
    public int Index { get; internal init; }

    /// <summary>Gets the index of the chunk's first row, from 0.</summary>
    public int FirstRow { get; internal init; }

    /// <summary>Gets the index of the chunk's last row (inclusive).</summary>
    public int LastRow { get; internal init; }

    /// <summary>Gets the number of rows in the chunk.</summary>
    public int RowCount { get; internal init; }
}

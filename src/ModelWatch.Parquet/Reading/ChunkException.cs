namespace ModelWatch.Parquet.Reading;

/// <summary>A column chunk could not be read: which column, which row group, and why.</summary>
internal sealed class ChunkException(string column, int rowGroup, Exception cause)
    : Exception($"column '{column}', row group {rowGroup}: {cause.Message}", cause)
{
    public string Column { get; } = column;

    public int RowGroup { get; } = rowGroup;
}

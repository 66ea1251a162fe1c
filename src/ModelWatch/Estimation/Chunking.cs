using System.Globalization;

namespace ModelWatch.Estimation;

/// <summary>
/// How a data set is cut into chunks: NannyML's three chunkers (<c>nannyml/chunk.py</c>:
/// <c>SizeBasedChunker</c> with <c>incomplete='keep'</c>, <c>CountBasedChunker</c>, <c>DefaultChunker</c>).
/// </summary>
/// <remarks>
/// Chunks are consecutive rows in row order. With a chunk size s and n rows, the full chunks are
/// [0, s), [s, 2s), …; when s does not divide n, the remaining rows form one extra, smaller chunk.
/// <see cref="ByCount"/> and <see cref="Default"/> compute the size from each data set's own row
/// count, so a reference and an analysis set of different lengths get different chunk sizes.
/// </remarks>
public sealed class Chunking
{
    private readonly int _size;
    private readonly int _count;

    private Chunking(int size, int count)
    {
        _size = size;
        _count = count;
    }

    /// <summary>Gets NannyML's default: 10 chunks of n / 10 rows (rounded down), plus the remainder.</summary>
    public static Chunking Default { get; } = new(0, 10);

    /// <summary>Chunks of <paramref name="rowsPerChunk"/> rows; the remainder forms one extra chunk.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowsPerChunk"/> is less than 1.</exception>
    public static Chunking BySize(int rowsPerChunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerChunk, 1);
        return new Chunking(rowsPerChunk, 0);
    }

    /// <summary>
    /// Chunks of n / <paramref name="chunkCount"/> rows (rounded down) for a data set of n rows; the
    /// remainder forms one extra chunk.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkCount"/> is less than 1.</exception>
    public static Chunking ByCount(int chunkCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkCount, 1);
        return new Chunking(0, chunkCount);
    }

    /// <summary>Cuts <paramref name="rowCount"/> rows into chunks.</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="rowCount"/> is less than 1, or smaller than the number of chunks asked for.
    /// </exception>
    public IReadOnlyList<DataChunk> Split(int rowCount)
    {
        if (rowCount < 1)
        {
            throw new ArgumentException("There are no rows to cut into chunks.", nameof(rowCount));
        }

        int size = _size > 0 ? _size : rowCount / _count;
        if (size < 1)
        {
            throw new ArgumentException(
                $"{rowCount} rows cannot be cut into {_count} chunks of at least one row.", nameof(rowCount));
        }

        var chunks = new List<DataChunk>((rowCount / size) + 1);
        for (int start = 0; start < rowCount; start += size)
        {
            int end = Math.Min(start + size, rowCount) - 1;
            chunks.Add(new DataChunk
            {
                Key = string.Create(CultureInfo.InvariantCulture, $"[{start}:{end}]"),
                Index = chunks.Count,
                FirstRow = start,
                LastRow = end,
                RowCount = end - start + 1,
            });
        }

        return chunks;
    }
}

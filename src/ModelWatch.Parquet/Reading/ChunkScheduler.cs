using ParquetSharp;

namespace ModelWatch.Parquet.Reading;

/// <summary>
/// Reads the column chunks of a Parquet file on several threads: each thread takes a column that no
/// other thread holds and reads that column's next row group, so different row groups and columns
/// are decoded and profiled at once while every column still sees its row groups in file order.
/// </summary>
/// <remarks>
/// <para>
/// A thread picks the free column with the most row groups left, which keeps the columns level and
/// the threads busy until the last few chunks. The statistics of a column are touched by one thread
/// at a time; the lock that hands it over orders those writes.
/// </para>
/// <para>
/// Memory: each thread has one batch of scratch arrays (<see cref="Buffers"/>) and one open column
/// reader, whose buffered stream holds one page at a time, so memory does not grow with the row
/// groups' size or number.
/// </para>
/// </remarks>
internal sealed class ChunkScheduler
{
    private readonly ParquetFileReader _file;
    private readonly ColumnProfiler[] _columns;
    private readonly long[] _rowGroupRows;
    private readonly SegmentIndex? _segments;
    private readonly int[] _next;
    private readonly bool[] _held;
    private readonly object _gate = new();
    private readonly IProgress<double>? _progress;
    private readonly long _chunks;
    private long _chunksDone;
    private Exception? _failure;

    /// <param name="file">The file.</param>
    /// <param name="columns">The columns to profile.</param>
    /// <param name="rowGroupRows">The rows of each row group.</param>
    /// <param name="segments">The segments each row goes to as well, or null.</param>
    /// <param name="progress">Receives the fraction of chunks done, or null.</param>
    /// <param name="chunksBefore">Chunks read before these (the segment columns' first pass), counted in the progress.</param>
    public ChunkScheduler(ParquetFileReader file, ColumnProfiler[] columns, long[] rowGroupRows, SegmentIndex? segments, IProgress<double>? progress, long chunksBefore = 0)
    {
        _file = file;
        _columns = columns;
        _rowGroupRows = rowGroupRows;
        _segments = segments;
        _next = new int[columns.Length];
        _held = new bool[columns.Length];
        _progress = progress;
        _chunksDone = chunksBefore;
        _chunks = chunksBefore + ((long)columns.Length * rowGroupRows.Length);
    }

    /// <summary>Reads every chunk on up to <paramref name="threads"/> threads (this one included) and rethrows the first failure.</summary>
    public void Run(int threads, int batchRows, CancellationToken cancellationToken)
    {
        int extra = (int)Math.Min(Math.Max(1, threads), Math.Max(1, (long)_columns.Length * _rowGroupRows.Length)) - 1;
        var others = new Thread[extra];
        for (int t = 0; t < extra; t++)
        {
            others[t] = new Thread(() => Work(batchRows, cancellationToken)) { IsBackground = true, Name = "modelwatch parquet" };
            others[t].Start();
        }

        Work(batchRows, cancellationToken);
        foreach (var thread in others)
        {
            thread.Join();
        }

        if (_failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
        }
    }

    private void Work(int batchRows, CancellationToken cancellationToken)
    {
        var buffers = new Buffers(batchRows) { Segments = _segments is null ? null : new SegmentCursor(_segments, batchRows) };
        while (Take() is (int column, int rowGroup))
        {
            try
            {
                using (var group = _file.RowGroup(rowGroup))
                using (var reader = group.Column(_columns[column].Column.Source.Leaf))
                {
                    buffers.Segments?.Start(group);
                    try
                    {
                        _columns[column].Read(reader, _rowGroupRows[rowGroup], buffers, cancellationToken);
                    }
                    finally
                    {
                        buffers.Segments?.Stop();
                    }
                }

                Release(column);
            }
            catch (Exception ex)
            {
                Fail(ex is InvalidDataException or ParquetException ? new ChunkException(_columns[column].Column.Source.Name, rowGroup, ex) : ex);
                return;
            }
        }
    }

    private (int Column, int RowGroup)? Take()
    {
        lock (_gate)
        {
            while (true)
            {
                if (_failure is not null)
                {
                    return null;
                }

                int best = -1;
                bool anyLeft = false;
                for (int c = 0; c < _columns.Length; c++)
                {
                    int left = _rowGroupRows.Length - _next[c];
                    anyLeft |= left > 0;
                    if (!_held[c] && left > 0 && (best < 0 || left > _rowGroupRows.Length - _next[best]))
                    {
                        best = c;
                    }
                }

                if (best >= 0)
                {
                    _held[best] = true;
                    return (best, _next[best]++);
                }

                if (!anyLeft)
                {
                    return null;
                }

                // Every column with chunks left is held by another thread: wait for one to be released.
                Monitor.Wait(_gate);
            }
        }
    }

    private void Release(int column)
    {
        lock (_gate)
        {
            _held[column] = false;
            _chunksDone++;
            _progress?.Report((double)_chunksDone / _chunks);
            Monitor.PulseAll(_gate);
        }
    }

    private void Fail(Exception ex)
    {
        lock (_gate)
        {
            _failure ??= ex;
            Monitor.PulseAll(_gate);
        }
    }
}

using System.Collections.Concurrent;
using ModelWatch.Profiles;

namespace ModelWatch.Cli.Csv;

/// <summary>
/// Adds column-major batches of parsed numbers to the numeric columns' moments and sketches: on a
/// second thread while the reading thread parses the next batch, or inline. Batches are added in the
/// order they were submitted, and each column's values in row order, so both ways build exactly the
/// statistics a sequential <see cref="ProfileBuilder"/> would.
/// </summary>
/// <remarks>
/// Two batches circulate (one filling, one being added: double buffering). A batch holds
/// <see cref="MaxBatchRows"/> rows, or fewer for a wide file, so that it never holds more than
/// <see cref="MaxBatchValues"/> values: memory is at most 2 × <see cref="MaxBatchValues"/> doubles
/// (4 MB), whatever the number of columns.
/// </remarks>
internal sealed class NumericSink : IDisposable
{
    /// <summary>The rows per batch of a file with few numeric columns.</summary>
    public const int MaxBatchRows = 4_096;

    /// <summary>The most values a batch holds (2 MB): 4,096 rows of 64 columns.</summary>
    public const int MaxBatchValues = MaxBatchRows * 64;

    private readonly FeatureProfile[] _columns;
    private readonly CsvSegments? _segments;
    private readonly BlockingCollection<(double[] Batch, int Rows)>? _full;
    private readonly BlockingCollection<double[]>? _free;
    private readonly Thread? _worker;
    private readonly double[] _first;
    private Exception? _failure;
    private bool _completed;

    /// <param name="columns">The numeric columns, in batch order.</param>
    /// <param name="threaded">Whether to add on a second thread.</param>
    /// <param name="segments">
    /// With <c>--segment-by</c>: each row's values go to its segment's numeric columns too (the
    /// segment's <see cref="CsvSegments.Profiles"/>, numeric ones in the same order as
    /// <paramref name="columns"/>); the row's slot travels in the batch's last column.
    /// </param>
    /// <param name="segmentColumns">The indexes, within a segment's profiles, of the numeric columns in batch order.</param>
    public NumericSink(FeatureProfile[] columns, bool threaded, CsvSegments? segments = null, int[]? segmentColumns = null)
    {
        _columns = columns;
        _segments = segments;
        _segmentColumns = segmentColumns ?? [];
        int width = columns.Length + (segments is null ? 0 : 1);
        RowsPerBatch = Math.Clamp(MaxBatchValues / Math.Max(1, width), 1, MaxBatchRows);
        _first = new double[Math.Max(1, width) * RowsPerBatch];
        if (threaded && width > 0)
        {
            _full = new BlockingCollection<(double[], int)>(boundedCapacity: 1);
            _free = new BlockingCollection<double[]>
            {
                new double[_first.Length],
            };
            _worker = new Thread(Work) { IsBackground = true, Name = "modelwatch statistics" };
            _worker.Start();
        }
    }

    /// <summary>Gets the rows a batch holds.</summary>
    public int RowsPerBatch { get; }

    /// <summary>Gets the first batch to fill: column c's value of row r goes to [c × <see cref="RowsPerBatch"/> + r].</summary>
    public double[] First => _first;

    /// <summary>Hands over a batch of <paramref name="rows"/> rows and returns the next one to fill.</summary>
    /// <exception cref="InvalidOperationException">Adding failed on the second thread.</exception>
    public double[] Submit(double[] batch, int rows)
    {
        if (rows == 0)
        {
            return batch;
        }

        if (_full is null)
        {
            Add(batch, rows);
            return batch;
        }

        ThrowIfFailed();
        _full.Add((batch, rows));
        return _free!.Take();
    }

    /// <summary>Waits until every submitted batch has been added.</summary>
    /// <exception cref="InvalidOperationException">Adding failed on the second thread.</exception>
    public void Complete()
    {
        Stop();
        ThrowIfFailed();
    }

    public void Dispose()
    {
        Stop();
        _full?.Dispose();
        _free?.Dispose();
    }

    private void Stop()
    {
        if (_full is not null && !_completed)
        {
            _completed = true;
            _full.CompleteAdding();
            _worker!.Join();
        }
    }

    private void Work()
    {
        foreach (var (batch, rows) in _full!.GetConsumingEnumerable())
        {
            if (Volatile.Read(ref _failure) is null)
            {
                try
                {
                    Add(batch, rows);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Reported on the reading thread at its next hand-over; keep draining so it never blocks.
                    Volatile.Write(ref _failure, ex);
                }
            }

            _free!.Add(batch);
        }
    }

    /// <summary>The batch column that holds each row's segment slot (segmented input only).</summary>
    public int SegmentColumn => _columns.Length;

    private readonly int[] _segmentColumns;

    private void Add(double[] batch, int rows)
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            var values = batch.AsSpan(c * RowsPerBatch, rows);
            _columns[c].Moments!.Add(values);
            _columns[c].Sketch!.Add(values);
        }

        if (_segments is not null)
        {
            // Row by row into each row's segment: every segment still sees its values in row order.
            var slots = batch.AsSpan(SegmentColumn * RowsPerBatch, rows);
            for (int r = 0; r < rows; r++)
            {
                var profiles = _segments.Profiles[(int)slots[r]]!;
                for (int c = 0; c < _columns.Length; c++)
                {
                    profiles[_segmentColumns[c]].Add(batch[(c * RowsPerBatch) + r]);
                }
            }
        }
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new InvalidOperationException($"Adding to the statistics failed: {failure.Message}", failure);
        }
    }
}

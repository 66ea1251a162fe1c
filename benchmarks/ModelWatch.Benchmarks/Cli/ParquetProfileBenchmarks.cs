using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ModelWatch.Parquet;
using ParquetSharp;

namespace ModelWatch.Benchmarks.Cli;

/// <summary>
/// <c>modelwatch profile</c>'s work on a Parquet file of 10^7 rows × (10 doubles + 2 dictionary-encoded
/// strings), Snappy, row groups of 10^6 rows (<see cref="ParquetBenchmarkFile"/>, ~0.8 GB, written to
/// a temporary folder and deleted). Times are per row (OperationsPerInvoke), so rows/s = 10^9 / Mean.
/// <c>DecodeOnly</c> reads every column chunk through ParquetSharp without statistics: the reading's
/// share of a row.
/// </summary>
/// <remarks>
/// The target: profiling at ≥ 3 million rows/s (≤ 333 ns per row) on the 2-core reference
/// machine, with peak memory ≤ 300 MB (measured on the process: <c>/usr/bin/time -v modelwatch profile</c>
/// on the file that <c>-- parquet-file</c> writes).
/// </remarks>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ParquetProfileBenchmarks
{
    private const int Rows = (int)ParquetBenchmarkFile.DefaultRows;
    private string _folder = string.Empty;
    private string _path = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "modelwatch-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _path = Path.Combine(_folder, "rows.parquet");
        ParquetBenchmarkFile.Write(_path, Rows);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>The profile command's work: every column chunk decoded and profiled, on every core.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public long Profile() => ParquetProfiler.ProfileFile(_path).Rows;

    /// <summary>The same on one thread: what a single core gives.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long ProfileOneThread() => ParquetProfiler.ProfileFile(_path, new ParquetProfileOptions { MaxDegreeOfParallelism = 1 }).Rows;

    /// <summary>
    /// <c>profile --segment-by city</c>: 12 segments, each column chunk reading its row group's city
    /// column beside it (the segment column decoded once more per profiled column) — the price of segments.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long ProfileSegmentByCity() => ParquetProfiler.ProfileFile(_path, new ParquetProfileOptions { SegmentBy = ["city"] }).Segments.Count;

    /// <summary><c>profile --segment-by product</c>: 500 values, the first 100 segments and the rest in "(other)" (101 profiles of every column).</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long ProfileSegmentByProduct() => ParquetProfiler.ProfileFile(_path, new ParquetProfileOptions { SegmentBy = ["product"] }).Segments.Count;

    /// <summary>Reading alone, one thread: every chunk decoded into batches of 65,536 values, nothing profiled.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long DecodeOnly()
    {
        using var properties = ReaderProperties.GetDefaultReaderProperties();
        properties.EnableBufferedStream();
        properties.BufferSize = ParquetProfiler.StreamBufferBytes;
        using var file = new ParquetFileReader(_path, properties);
        var doubles = new double[1 << 16];
        var bytes = new ByteArray[1 << 16];
        long values = 0;
        for (int g = 0; g < file.FileMetaData.NumRowGroups; g++)
        {
            using var rowGroup = file.RowGroup(g);
            for (int c = 0; c < rowGroup.MetaData.NumColumns; c++)
            {
                using var reader = rowGroup.Column(c);
                while (reader.HasNext)
                {
                    values += reader is ColumnReader<double> d
                        ? d.ReadBatch(doubles.Length, doubles, out _)
                        : ((ColumnReader<ByteArray>)reader).ReadBatch(bytes.Length, bytes, out _);
                }
            }
        }

        return values;
    }
}

using ModelWatch.Cli.Csv;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Drift;
using ModelWatch.Parquet.Tests.TestSupport;
using ModelWatch.Profiles;
using ParquetSharp;

namespace ModelWatch.Parquet.Tests;

/// <summary>What a Parquet file's profile holds: the statistics of the same rows read from CSV, whatever the threads, row groups and batches.</summary>
public sealed class ParquetProfilerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ProfileEqualsTheProfileOfTheSameRowsAsCsv_ByteForByte()
    {
        // Counts, moments, sketches and category counts alike: every column is fed its rows in order,
        // across row groups of 4,096 rows, batches of 1,000 and three threads.
        var table = Data.AllTypes(30_000);
        string parquet = table.WriteParquet(_temp.File("all.parquet"), rowGroupRows: 4_096, Data.AllTypesSettings);
        string csv = table.WriteCsv(_temp.File("all.csv"));

        var fromParquet = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { MaxDegreeOfParallelism = 3, BatchRows = 1_000 });
        Profile fromCsv;
        using (var input = CsvInput.Open(csv))
        {
            fromCsv = CsvProfiler.Read(input, new CsvReadOptions { Numeric = Data.Numeric, Categorical = Data.Categorical }).Profile;
        }

        Assert.Equal(30_000, fromParquet.Rows);
        Assert.Equal(["x", "n", "f", "i", "l", "u", "d", "d18", "b", "s", "p"], fromParquet.Features.Select(f => f.Name));
        Assert.False(fromParquet.Find("p")!.Categories!.IsExact); // more distinct values than tracked exactly: order matters, and is kept
        Assert.Equal(ProfileBytes.Of(fromCsv), ProfileBytes.Of(fromParquet));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void AnyNumberOfThreads_GivesTheSameProfile(int threads)
    {
        var table = Data.AllTypes(12_000, seed: 7);
        string parquet = table.WriteParquet(_temp.File("t.parquet"), rowGroupRows: 1_000, Data.AllTypesSettings);
        var sequential = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { MaxDegreeOfParallelism = 1 });
        var parallel = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { MaxDegreeOfParallelism = threads, BatchRows = 777 });
        Assert.Equal(ProfileBytes.Of(sequential), ProfileBytes.Of(parallel));
    }

    [Fact]
    public void Values_AreReadAsTheirTypesSay_AndNullsAreMissing()
    {
        var table = new Table()
            .Add("f", new[] { 0.1f, -2.5f, 3f }, _ => null)
            .Add("u", new[] { uint.MaxValue, 0u, 1u }, _ => null)
            .Add("ul", new[] { ulong.MaxValue, 0ul, 2ul }, _ => null)
            .AddDecimals("d", [-1.5m, 12.34m, 0m], 9, 2)
            .Add("n", new double?[] { null, 4, null }, _ => null)
            .Add("b", new bool?[] { true, null, false }, _ => null)
            .Add("s", new string?[] { "a", null, string.Empty }, _ => null);
        string parquet = table.WriteParquet(_temp.File("v.parquet"), rowGroupRows: 2);

        var profile = ParquetProfiler.ProfileFile(parquet);

        Assert.Equal(3, profile.Rows);
        var f = profile.Find("f")!;
        Assert.Equal(FeatureKind.Numeric, f.Kind);
        Assert.Equal((-2.5, 3.0), (f.Moments!.Min, f.Moments.Max));
        Assert.Equal(((double)0.1f - 2.5 + 3) / 3, f.Moments.Mean, 1e-15); // widened exactly: 0.1f is 0.100000001490116…
        Assert.Equal(uint.MaxValue, profile.Find("u")!.Moments!.Max);
        Assert.Equal(ulong.MaxValue, profile.Find("ul")!.Moments!.Max);
        Assert.Equal(-1.5, profile.Find("d")!.Moments!.Min);
        Assert.Equal(12.34, profile.Find("d")!.Moments!.Max);
        var n = profile.Find("n")!;
        Assert.Equal((1L, 2L, 4.0), (n.Count, n.MissingCount, n.Moments!.Mean));
        var b = profile.Find("b")!;
        Assert.Equal(FeatureKind.Categorical, b.Kind);
        Assert.Equal((1L, 1L, 1L), (b.Categories!.EstimateCount("true"), b.Categories.EstimateCount("false"), b.MissingCount));
        var s = profile.Find("s")!;
        Assert.Equal((1L, 2L), (s.Count, s.MissingCount)); // null and the empty string are missing, as an empty CSV cell is
    }

    [Fact]
    public void AFileWithoutRows_GivesAProfileOfNoRows_WithItsColumns()
    {
        string parquet = Data.Simple(0, 0, 1).WriteParquet(_temp.File("empty.parquet"), rowGroupRows: 10);
        var profile = ParquetProfiler.ProfileFile(parquet);
        Assert.Equal(0, profile.Rows);
        Assert.Equal(["a", "c", "k"], profile.Features.Select(f => f.Name));
        Assert.All(profile.Features, f => Assert.Equal(0, f.Count));
    }

    [Fact]
    public void ManyRowGroups_OfUnevenSizes_AreAllRead()
    {
        var table = Data.Simple(10_007, 0, 3);
        string parquet = table.WriteParquet(_temp.File("many.parquet"), rowGroupRows: 97);
        var profile = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { MaxDegreeOfParallelism = 4, BatchRows = 50 });
        Assert.Equal(10_007, profile.Rows);
        Assert.All(profile.Features, f => Assert.Equal(10_007, f.Count));
    }

    [Fact]
    public void Progress_IsReportedUpToTheWholeFile()
    {
        string parquet = Data.Simple(1_000, 0, 3).WriteParquet(_temp.File("p.parquet"), rowGroupRows: 100);
        var reports = new List<double>();
        ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { Progress = new Recorder(reports), MaxDegreeOfParallelism = 2 });
        Assert.Equal(30, reports.Count); // 3 columns × 10 row groups
        Assert.Equal(reports.Order(), reports);
        Assert.Equal(1.0, reports[^1]);
    }

    [Fact]
    public void Cancellation_StopsTheRead()
    {
        string parquet = Data.Simple(1_000, 0, 3).WriteParquet(_temp.File("c.parquet"), rowGroupRows: 100);
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ParquetProfiler.ProfileFile(parquet, cancellationToken: canceled.Token));
    }

    [Fact]
    public void ManagedMemory_DoesNotGrowWithTheRows()
    {
        // Four times the rows in one row group: the batches are reused and a dictionary entry's
        // string is decoded once per chunk, so the allocations stay about the same.
        string small = Data.Simple(100_000, 0, 1).WriteParquet(_temp.File("small.parquet"), 100_000);
        string large = Data.Simple(400_000, 0, 1).WriteParquet(_temp.File("large.parquet"), 400_000);
        var options = new ParquetProfileOptions { MaxDegreeOfParallelism = 1 };
        ParquetProfiler.ProfileFile(small, options); // warm-up: first-use allocations of the runtime and ParquetSharp

        long before = GC.GetAllocatedBytesForCurrentThread();
        ParquetProfiler.ProfileFile(small, options);
        long forSmall = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        ParquetProfiler.ProfileFile(large, options);
        long forLarge = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(forLarge - forSmall < 64 * 1024, $"{forSmall:N0} bytes for 10^5 rows, {forLarge:N0} for 4·10^5");
    }

    private sealed class Recorder(List<double> reports) : IProgress<double>
    {
        public void Report(double value) => reports.Add(value);
    }
}

using ModelWatch.Cli.Csv;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Monitoring;
using ModelWatch.Parquet.Tests.TestSupport;
using ModelWatch.Profiles;

namespace ModelWatch.Parquet.Tests;

/// <summary><see cref="ParquetProfileOptions.SegmentBy"/>: a profile per segment, the one the CSV reader builds from the same rows, whatever the threads, row groups and batches.</summary>
public sealed class SegmentTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The CSV reader's profile of the same rows, segmented the same way.</summary>
    private static Profile FromCsv(string csv, IReadOnlyList<string> segmentBy, int maxSegments = SegmentOptions.DefaultMaxSegments, string[]? numeric = null)
    {
        using var input = CsvInput.Open(csv);
        var options = new CsvReadOptions
        {
            Numeric = numeric ?? Data.Numeric,
            Categorical = Data.Categorical,
            SegmentBy = segmentBy,
            MaxSegments = maxSegments,
        };
        return CsvProfiler.Read(input, options).Profile;
    }

    [Fact]
    public void SegmentByAStringColumn_EqualsTheCsvProfileOfTheSameRows_ByteForByte()
    {
        // Column s: dictionary-encoded strings with nulls and empty strings (both into "(other)"),
        // non-ASCII, quotes and commas; row groups of 4,096 rows, batches of 1,000, three threads.
        var table = Data.AllTypes(30_000, seed: 3);
        string parquet = table.WriteParquet(_temp.File("all.parquet"), rowGroupRows: 4_096, Data.AllTypesSettings);
        string csv = table.WriteCsv(_temp.File("all.csv"));

        var fromParquet = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { SegmentBy = ["s"], MaxDegreeOfParallelism = 3, BatchRows = 1_000 });
        var fromCsv = FromCsv(csv, ["s"]);

        Assert.Equal(["(other)", "a,b", "alpha", "beta", "café", "gamma", "naïve", "say \"hi\"", "z"], fromParquet.Segments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(30_000, fromParquet.Segments.Values.Sum(s => s.Rows)); // every row in exactly one segment
        Assert.Equal(ProfileBytes.Of(fromCsv), ProfileBytes.Of(fromParquet));
    }

    [Fact]
    public void SegmentStatistics_AreThoseOfEachSegmentsRows()
    {
        // Independently of the CSV reader: each segment's moments are those of its rows, in order.
        var table = Data.AllTypes(9_000, seed: 5);
        string parquet = table.WriteParquet(_temp.File("all.parquet"), rowGroupRows: 1_000, Data.AllTypesSettings);
        var profile = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { SegmentBy = ["s"], MaxDegreeOfParallelism = 2, BatchRows = 333 });
        var whole = profile.Find("n")!.Moments!;
        double mean = profile.Segments.Values.Sum(s => s.Find("n")!.Moments!.Sum) / profile.Segments.Values.Sum(s => s.Find("n")!.Moments!.Count);
        Assert.Equal(whole.Mean, mean, 1e-12 * Math.Abs(whole.Mean));
        Assert.Equal(whole.MissingCount, profile.Segments.Values.Sum(s => s.Find("n")!.MissingCount));
        Assert.All(profile.Segments.Values, s => Assert.Equal(s.Rows, s.Find("x")!.Count + s.Find("x")!.MissingCount + s.Find("x")!.NonFiniteCount));
        var alpha = profile.Segments["alpha"].Find("s")!.Categories!;
        Assert.Equal((profile.Segments["alpha"].Rows, profile.Segments["alpha"].Rows), (alpha.Count, alpha.EstimateCount("alpha")));
    }

    [Fact]
    public void SegmentByIntegerColumnWithNulls_CountsNullsInOther_AndOverflowsIntoOther()
    {
        // Column l: nullable int64 with a new value in almost every row: 25 segments, the rest and the nulls in "(other)".
        var table = Data.AllTypes(8_000, seed: 9);
        string parquet = table.WriteParquet(_temp.File("all.parquet"), rowGroupRows: 1_500, Data.AllTypesSettings);
        string csv = table.WriteCsv(_temp.File("all.csv"));
        string[] numeric = [.. Data.Numeric.Where(n => n != "l")];

        var fromParquet = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { SegmentBy = ["l"], MaxSegments = 25, MaxDegreeOfParallelism = 4, BatchRows = 512 });

        Assert.Equal(26, fromParquet.Segments.Count);
        Assert.Equal(8_000 - 25, fromParquet.Segments[SegmentNames.Other].Rows);
        Assert.Equal(Drift.FeatureKind.Categorical, fromParquet.Find("l")!.Kind); // profiled as the segments' names
        Assert.Equal(ProfileBytes.Of(FromCsv(csv, ["l"], maxSegments: 25, numeric)), ProfileBytes.Of(fromParquet));
    }

    [Fact]
    public void SegmentBySeveralColumns_JoinsTheirValues_BooleanNullsInOther()
    {
        // b: nullable booleans; i: int32 codes; s: strings. Segments "true|17|alpha"; a null or empty value: "(other)".
        var table = Data.AllTypes(6_000, seed: 13);
        string parquet = table.WriteParquet(_temp.File("all.parquet"), rowGroupRows: 700, Data.AllTypesSettings);
        string csv = table.WriteCsv(_temp.File("all.csv"));
        string[] numeric = [.. Data.Numeric.Where(n => n != "i")];

        var fromParquet = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { SegmentBy = ["b", "s"], MaxDegreeOfParallelism = 2, BatchRows = 256 });
        Assert.Equal(2 * 8 + 1, fromParquet.Segments.Count); // two booleans × eight non-empty words, and "(other)"
        Assert.Contains("true|café", fromParquet.Segments.Keys);
        Assert.Equal(ProfileBytes.Of(FromCsv(csv, ["b", "s"])), ProfileBytes.Of(fromParquet));

        var three = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { SegmentBy = ["b", "i", "s"], MaxSegments = 40, BatchRows = 300 });
        Assert.Equal(41, three.Segments.Count);
        Assert.Matches(@"^(true|false)\|-?\d+\|", three.Segments.Keys.First(k => k != SegmentNames.Other));
        Assert.Equal(ProfileBytes.Of(FromCsv(csv, ["b", "i", "s"], maxSegments: 40, numeric)), ProfileBytes.Of(three));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void AnyNumberOfThreads_GivesTheSameSegments(int threads)
    {
        var table = Data.AllTypes(12_000, seed: 7);
        string parquet = table.WriteParquet(_temp.File("t.parquet"), rowGroupRows: 1_000, Data.AllTypesSettings);
        var options = new ParquetProfileOptions { SegmentBy = ["s", "b"], MaxSegments = 7, MaxDegreeOfParallelism = 1 };
        var sequential = ParquetProfiler.ProfileFile(parquet, options);
        var parallel = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { SegmentBy = ["s", "b"], MaxSegments = 7, MaxDegreeOfParallelism = threads, BatchRows = 777 });
        Assert.Equal(ProfileBytes.Of(sequential), ProfileBytes.Of(parallel));
    }

    [Fact]
    public void MaxSegments_KeepsTheFirstNamesToAppear()
    {
        var table = new Table()
            .Add("x", new[] { 1.0, 2, 3, 4, 5, 6, 7 }, _ => null)
            .Add("country", new string?[] { null, "FR", "US", "FR", "DE", "(other)", "US" }, _ => null);
        string parquet = table.WriteParquet(_temp.File("c.parquet"), rowGroupRows: 3);

        var profile = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { SegmentBy = ["country"], MaxSegments = 2 });

        Assert.Equal(["FR", "US", SegmentNames.Other], profile.Segments.Keys); // slot order: first to appear, then "(other)"
        Assert.Equal((2L, 2L, 3L), (profile.Segments["FR"].Rows, profile.Segments["US"].Rows, profile.Segments[SegmentNames.Other].Rows));
        Assert.Equal(5.0, profile.Segments["US"].Find("x")!.Moments!.Mean); // rows 3 and 7
        Assert.Equal((1 + 5 + 6) / 3.0, profile.Segments[SegmentNames.Other].Find("x")!.Moments!.Mean); // null, DE (no room), a literal "(other)"
    }

    [Fact]
    public void AFileWithoutRows_HasNoSegments()
    {
        string parquet = Data.Simple(0, 0, 1).WriteParquet(_temp.File("empty.parquet"), rowGroupRows: 10);
        var profile = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { SegmentBy = ["k"] });
        Assert.Equal(0, profile.Rows);
        Assert.Empty(profile.Segments);
    }

    [Theory]
    [InlineData("nope", null, "--segment-by: {0} has no column 'nope' (its columns: 'x', 'n', 'f', 'i', 'l', 'u', 'd', 'd18', 'b', 's', 'p').")]
    [InlineData("x", null, "--segment-by: column 'x' of {0} is double; segments are named by the values of a string, enum, integer or boolean column.")]
    [InlineData("f", null, "--segment-by: column 'f' of {0} is float; segments are named by the values of a string, enum, integer or boolean column.")]
    [InlineData("d", null, "--segment-by: column 'd' of {0} is decimal(9, 2); segments are named by the values of a string, enum, integer or boolean column.")]
    [InlineData("s", "ignore", "--segment-by 's': the column is ignored; segment by a column that is profiled.")]
    [InlineData("i", "numeric", "--segment-by 'i': the column is declared numeric; segments are named by categorical values.")]
    [InlineData("s", "prediction", "--segment-by 's': the prediction cannot name the segments.")]
    [InlineData("s,s", null, "--segment-by lists 's' twice.")]
    public void ABadSegmentColumn_IsAClearError_NamingColumnAndFile(string segmentBy, string? also, string message)
    {
        string parquet = Data.AllTypes(10).WriteParquet(_temp.File("bad.parquet"), rowGroupRows: 10);
        var options = new ParquetProfileOptions
        {
            SegmentBy = segmentBy.Split(','),
            Ignore = also == "ignore" ? ["s"] : [],
            Numeric = also == "numeric" ? ["i"] : [],
            Prediction = also == "prediction" ? "s" : null,
        };
        var error = Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(parquet, options));
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, parquet), error.Message);
    }

    [Fact]
    public void WithAReferencesColumns_TheSegmentColumnMustBeOneOfItsCategoricalColumns()
    {
        string parquet = Data.Simple(100, 0, 1).WriteParquet(_temp.File("s.parquet"), rowGroupRows: 50);
        var reference = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { Ignore = ["k"] });
        var error = Assert.Throws<ParquetProfileException>(() => ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { ColumnsFrom = reference, SegmentBy = ["k"] }));
        Assert.Equal("--segment-by 'k': the reference profile has no such column; segments are named by a categorical column the reference profiled (profile it with --segment-by k).", error.Message);

        var segmented = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { SegmentBy = ["k"] });
        var current = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { ColumnsFrom = segmented, SegmentBy = ["k"] });
        Assert.Equal(ProfileBytes.Of(segmented), ProfileBytes.Of(current));
    }

    [Fact]
    public void OptionsOutOfRange_AreRefused()
    {
        string parquet = Data.Simple(10, 0, 1).WriteParquet(_temp.File("s.parquet"), rowGroupRows: 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { SegmentBy = ["k"], MaxSegments = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { SegmentBy = ["k"], MaxSegments = 10_001 }));
    }

    [Fact]
    public void Progress_CountsTheSegmentPassToo()
    {
        string parquet = Data.Simple(1_000, 0, 3).WriteParquet(_temp.File("p.parquet"), rowGroupRows: 100);
        var reports = new List<double>();
        ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { SegmentBy = ["k"], Progress = new Recorder(reports), MaxDegreeOfParallelism = 2 });
        Assert.Equal(40, reports.Count); // 10 row groups of the segment column, then 3 columns × 10 row groups
        Assert.Equal(reports.Order(), reports);
        Assert.Equal(1.0, reports[^1]);
    }

    [Fact]
    public void ManagedMemory_DoesNotGrowWithTheRows()
    {
        // Four times the rows in one row group: slots are found batch by batch beside each chunk, never kept per row.
        string small = Data.Simple(100_000, 0, 1).WriteParquet(_temp.File("small.parquet"), 100_000);
        string large = Data.Simple(400_000, 0, 1).WriteParquet(_temp.File("large.parquet"), 400_000);
        var options = new ParquetProfileOptions { SegmentBy = ["k"], MaxDegreeOfParallelism = 1 };
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

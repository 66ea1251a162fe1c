using System.Globalization;
using System.Text;
using ModelWatch.Cli.Csv;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Profiles;
using ModelWatch.Statistics;
using Xunit.Abstractions;

namespace ModelWatch.Cli.Tests.Csv;

/// <summary>
/// Every dimension of a CSV input is bounded: columns by <c>--max-columns</c>, a row's length by the
/// reader's buffer, rows, distinct categories, a cell's length and the malformed rows kept by
/// streaming and caps, and the profile written by what a profile file can be read back.
/// </summary>
public sealed class InputLimitsTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void MoreColumnsThanMaxColumns_ExitsTwo_NamingTheFileAndTheLimit()
    {
        string csv = _temp.Write("wide.csv", Wide(101, rows: 2, numeric: true));
        var result = Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp"), "--max-columns", "100");
        Assert.Equal(
            $"modelwatch: {csv}: the header has 101 columns, more than --max-columns (100). Each column read takes memory (about 25 KB for a numeric one); raise --max-columns to read them all.",
            result.Stderr.Trim());
        Tool.Expect(0, "profile", csv, "-o", _temp.File("out.mwp"), "--max-columns", "101");
        Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp"), "--max-columns", "0");
    }

    [Fact]
    public void DefaultColumnLimit_IsCheckedBeforeAnyColumnIsAllocated()
    {
        Assert.Equal(10_000, CsvReadOptions.DefaultMaxColumns);
        string csv = _temp.Write("wide.csv", Wide(CsvReadOptions.DefaultMaxColumns + 1, rows: 1, numeric: true));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = Tool.Expect(2, "compare", "-r", csv, "-c", csv);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"allocated {allocated:N0} bytes");
        Assert.Contains("the header has 10,001 columns, more than --max-columns (10,000)", result.Stderr, StringComparison.Ordinal);
        Assert.True(allocated < 16L << 20, $"allocated {allocated:N0} bytes");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WideFile_MemoryPerColumn_IsBounded(bool numeric)
    {
        // Before: about 90 KB a column while inferring (a numeric and a categorical accumulator, the latter
        // with all its slots), and 64 KB more a numeric column for the two batches.
        const int columns = 2_000;
        string csv = _temp.Write("wide.csv", Wide(columns, rows: 20, numeric));
        using var input = CsvInput.Open(csv);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = CsvProfiler.Read(input, new CsvReadOptions { Pipelined = true });
        long perColumn = (GC.GetAllocatedBytesForCurrentThread() - before) / columns;
        output.WriteLine($"{(numeric ? "numeric" : "text")}: {perColumn:N0} bytes allocated per column");
        Assert.Equal(20, result.Profile.Rows);
        Assert.True(perColumn <= 40 << 10, $"{perColumn:N0} bytes per column");
    }

    [Fact]
    public void RowLongerThanTheReaderTakes_NamesTheFileTheLineAndTheLimit()
    {
        string csv = _temp.Write("long.csv", "x,c\n1,a\n\n2," + new string('b', CsvRowReader.MaxRowChars + 1) + "\n3,c\n");
        var result = Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp"));
        Assert.Equal(
            $"modelwatch: {csv}: the row starting on line 4 is longer than 16,777,216 characters, the longest row the reader takes (a quote that is never closed makes the rest of the file one row).",
            result.Stderr.Trim());
    }

    [Fact]
    public void ProfileTooLargeToReadBack_IsNotWritten_AndAnEarlierFileStays()
    {
        string path = _temp.Write("kept.mwp", "an earlier file");
        var profile = new ProfileBuilder(["x"]).Build();
        var error = Assert.Throws<CliException>(() => Sources.SaveProfile(profile, path, maxBytes: 100));
        Assert.StartsWith($"{path}: not written: the profile would be ", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than a profile file can be read back (100)", error.Message, StringComparison.Ordinal);
        Assert.Equal("an earlier file", File.ReadAllText(path));
    }

    [Fact]
    public void Rows_AreStreamed_MemoryDoesNotGrowWithThem()
    {
        // Ten times the rows add only the quantile sketches' few extra levels (logarithmic), nothing per row:
        // 450,000 more rows at even 8 bytes each would be 3.6 MB.
        long small = Allocated(SyntheticCsv.Text(50_000, 0, 1));
        long large = Allocated(SyntheticCsv.Text(500_000, 0, 1));
        output.WriteLine($"50,000 rows: {small:N0} bytes allocated; 500,000 rows: {large:N0} bytes");
        Assert.True(large - small < 1 << 20, $"{large - small:N0} more bytes for 450,000 more rows");
    }

    [Fact]
    public void DistinctCategories_CellLength_AndMalformedRowsKept_AreCapped()
    {
        var text = new StringBuilder("x,c\n");
        for (int i = 0; i < 20_000; i++)
        {
            string cell = i == 0 ? new string('z', 1 << 20) : "v" + i.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{i},{cell}\n").Append(i % 2 == 0 ? "1,2,3\n" : string.Empty);
        }

        string csv = _temp.Write("many.csv", text.ToString());
        using var input = CsvInput.Open(csv);
        var result = CsvProfiler.Read(input, new CsvReadOptions { SkipBadRows = true });
        var categories = result.Profile.Find("c")!.Categories!;
        Assert.Equal(CategoryCounts.DefaultCapacity, categories.DistinctCount);
        Assert.All(categories.GetCounts(), c => Assert.True(c.Value.Length <= CategoryCounts.DefaultMaxKeyLength));
        Assert.Equal(10_000, result.BadRowCount);
        Assert.Equal(BadRowLog.Kept, result.FirstBadRows.Count);
    }

    private long Allocated(string text)
    {
        string csv = _temp.Write("rows.csv", text);
        using var input = CsvInput.Open(csv);
        long before = GC.GetAllocatedBytesForCurrentThread();
        CsvProfiler.Read(input, new CsvReadOptions { Pipelined = false });
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static string Wide(int columns, int rows, bool numeric)
    {
        var text = new StringBuilder(string.Join(',', Enumerable.Range(0, columns).Select(c => "c" + c.ToString(CultureInfo.InvariantCulture)))).Append('\n');
        for (int r = 0; r < rows; r++)
        {
            text.AppendJoin(',', Enumerable.Range(0, columns).Select(c => numeric ? (c + r).ToString(CultureInfo.InvariantCulture) : "v" + ((c + r) % 5).ToString(CultureInfo.InvariantCulture))).Append('\n');
        }

        return text.ToString();
    }
}

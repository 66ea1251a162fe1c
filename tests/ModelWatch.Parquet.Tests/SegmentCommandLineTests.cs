using System.Globalization;
using System.Text.Json;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Parquet.Tests.TestSupport;
using ModelWatch.Profiles;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Parquet.Tests;

/// <summary><c>modelwatch profile --segment-by</c> and <c>compare --segment-by</c> with Parquet inputs: what they do with CSV inputs.</summary>
public sealed class SegmentCommandLineTests : IDisposable
{
    private static readonly string[] Countries = ["US", "DE", "FR"];
    private static readonly string[] Devices = ["mobile", "desktop"];
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>amount, country (null every 97th row), device, prediction; the shifted country's amounts 1 σ higher.</summary>
    private static Table Rows(int rows, ulong seed, string? shifted)
    {
        var random = new SplitMix64(seed);
        var amount = new double[rows];
        var country = new string?[rows];
        var device = new string[rows];
        var prediction = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            country[i] = i % 97 == 0 ? null : Countries[i % 3];
            device[i] = Devices[(i / 3) % 2];
            amount[i] = random.NextNormal() + (country[i] == shifted ? 1 : 0);
            prediction[i] = random.NextUniform();
        }

        return new Table()
            .Add("amount", amount, v => v.ToString("R", CultureInfo.InvariantCulture))
            .Add("country", country, v => v)
            .Add("device", device, v => v)
            .Add("prediction", prediction, v => v.ToString("R", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ProfileSegmentBy_OfTheSameRowsAsCsvAndAsParquet_WritesTheSameFile()
    {
        var table = Rows(25_000, 3, shifted: null);
        string parquet = table.WriteParquet(_temp.File("data.parquet"), 4_000);
        string csv = table.WriteCsv(_temp.File("data.csv"));

        var result = Tool.Expect(0, "profile", parquet, "-o", _temp.File("p.mwp"), "--segment-by", "country");
        Tool.Expect(0, "profile", csv, "-o", _temp.File("c.mwp"), "--segment-by", "country", "-q");

        Assert.Contains("4 segments by country", result.Stderr, StringComparison.Ordinal);
        var profile = ProfileFile.Load(_temp.File("p.mwp"));
        Assert.Equal(["(other)", "DE", "FR", "US"], profile.Segments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(25_000 / 97 + 1, profile.Segments["(other)"].Rows); // the rows without a country
        Assert.Equal(File.ReadAllBytes(_temp.File("c.mwp")), File.ReadAllBytes(_temp.File("p.mwp")));
    }

    [Fact]
    public void ProfileSegmentBy_SeveralColumns_AndMaxSegments_AsWithCsv()
    {
        var table = Rows(9_000, 5, shifted: null);
        string parquet = table.WriteParquet(_temp.File("data.parquet"), 2_000);
        string csv = table.WriteCsv(_temp.File("data.csv"));

        Tool.Expect(0, "profile", parquet, "-o", _temp.File("p.mwp"), "--segment-by", "country,device", "--max-segments", "4", "-q");
        Tool.Expect(0, "profile", csv, "-o", _temp.File("c.mwp"), "--segment-by", "country,device", "--max-segments", "4", "-q");

        var profile = ProfileFile.Load(_temp.File("p.mwp"));
        Assert.Equal(["(other)", "DE|desktop", "DE|mobile", "FR|mobile", "US|desktop"], profile.Segments.Keys.Order(StringComparer.Ordinal)); // the first four to appear
        Assert.Equal(File.ReadAllBytes(_temp.File("c.mwp")), File.ReadAllBytes(_temp.File("p.mwp")));
    }

    [Fact]
    public void CompareSegmentBy_OfParquetFiles_FlagsTheOneDriftedSegment()
    {
        string reference = Rows(6_000, 1, shifted: null).WriteParquet(_temp.File("ref.parquet"), 1_000);
        string current = Rows(6_000, 2, shifted: "FR").WriteParquet(_temp.File("cur.parquet"), 1_500);

        var result = Tool.Expect(0, "compare", "-r", reference, "-c", current, "--segment-by", "country", "--format", "json");

        using var json = JsonDocument.Parse(result.Stdout);
        var segments = json.RootElement.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal("FR", segments[0].GetProperty("name").GetString());
        Assert.True(segments[0].GetProperty("isDrift").GetBoolean());
        Assert.Equal(["amount"], segments[0].GetProperty("driftedFeatures").EnumerateArray().Select(e => e.GetString()));
        Assert.All(segments.Skip(1), s => Assert.False(s.GetProperty("isDrift").GetBoolean()));

        // The same rows as CSV files, and a segmented .mwp reference against the Parquet file: the same report.
        string csvReference = Rows(6_000, 1, shifted: null).WriteCsv(_temp.File("ref.csv"));
        string csvCurrent = Rows(6_000, 2, shifted: "FR").WriteCsv(_temp.File("cur.csv"));
        var fromCsv = Tool.Expect(0, "compare", "-r", csvReference, "-c", csvCurrent, "--segment-by", "country", "--format", "json");
        Assert.Equal(Named(result.Stdout, reference, current), Named(fromCsv.Stdout, csvReference, csvCurrent));
        string mwp = _temp.File("ref.mwp");
        Tool.Expect(0, "profile", reference, "-o", mwp, "--segment-by", "country", "-q");
        var fromProfile = Tool.Expect(0, "compare", "-r", mwp, "-c", current, "--segment-by", "country", "--format", "json");
        Assert.Equal(Named(result.Stdout, reference, current), Named(fromProfile.Stdout, mwp, current));
    }

    private static string Named(string output, string reference, string current) =>
        output.Replace(JsonEncodedText.Encode(reference).ToString(), "R", StringComparison.Ordinal).Replace(JsonEncodedText.Encode(current).ToString(), "C", StringComparison.Ordinal);

    [Fact]
    public void CompareSegmentBy_Table_ShowsTheSegments()
    {
        string reference = Rows(6_000, 1, shifted: null).WriteParquet(_temp.File("ref.parquet"), 1_000);
        string current = Rows(6_000, 2, shifted: "DE").WriteParquet(_temp.File("cur.parquet"), 1_000);
        var result = Tool.Expect(0, "compare", "-r", reference, "-c", current, "--segment-by", "country");
        Assert.Contains("segments: 1 of 3 judged drifted", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentBy_AFloatOrMissingColumn_IsAOneLineError()
    {
        string parquet = Rows(100, 1, shifted: null).WriteParquet(_temp.File("data.parquet"), 100);
        var floatColumn = Tool.Expect(2, "profile", parquet, "-o", _temp.File("x.mwp"), "--segment-by", "amount");
        Assert.Equal($"modelwatch: --segment-by: column 'amount' of {parquet} is double; segments are named by the values of a string, enum, integer or boolean column.\n", floatColumn.Stderr.ReplaceLineEndings("\n"));
        var missing = Tool.Expect(2, "compare", "-r", parquet, "-c", parquet, "--segment-by", "region");
        Assert.Contains($"--segment-by: {parquet} has no column 'region'", missing.Stderr, StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Profiles;

namespace ModelWatch.Cli.Tests;

/// <summary><c>profile --segment-by</c> on CSV input: the segmented profile ProfileBuilder.SegmentBy builds, read back by <c>compare --segment-by</c>.</summary>
public sealed class SegmentProfileTests : IDisposable
{
    private static readonly string[] Countries = ["US", "DE", "FR"];
    private static readonly string[] Devices = ["mobile", "desktop"];
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// Writes a CSV file of <paramref name="rows"/> rows (amount, country, device, prediction) and
    /// returns the rows; the shifted country's amounts are 1 σ higher; every 97th row has no country.
    /// </summary>
    private (string Path, List<(double Amount, string Country, string Device, double Prediction)> Rows) Csv(string name, int seed, int rows, string? shifted)
    {
        var rng = new Random(seed);
        var data = new List<(double, string, string, double)>();
        var text = new StringBuilder("amount,country,device,prediction\n");
        for (int i = 0; i < rows; i++)
        {
            string country = i % 97 == 0 ? string.Empty : Countries[i % 3];
            string device = Devices[(i / 3) % 2];
            double normal = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            double amount = Math.Round(normal + (country == shifted ? 1 : 0), 6);
            double prediction = Math.Round(rng.NextDouble(), 6);
            data.Add((amount, country, device, prediction));
            text.Append(CultureInfo.InvariantCulture, $"{amount.ToString("R", CultureInfo.InvariantCulture)},{country},{device},{prediction.ToString("R", CultureInfo.InvariantCulture)}\n");
        }

        string path = System.IO.Path.Combine(_temp.Path, name);
        File.WriteAllText(path, text.ToString());
        return (path, data);
    }

    [Theory]
    [InlineData(3_000)]  // every row read while the column kinds are inferred
    [InlineData(25_000)] // most rows read after that, their numbers added on the second core
    public void ProfileSegmentBy_IsTheProfileBuilderSegmentByOfTheSameRows(int rows)
    {
        var (csv, data) = Csv("data.csv", 3, rows, shifted: null);
        string output = System.IO.Path.Combine(_temp.Path, "data.mwp");
        var result = Tool.Expect(0, "profile", csv, "-o", output, "--segment-by", "country");
        Assert.Contains("4 segments by country", result.Stderr, StringComparison.Ordinal);

        var profile = ProfileFile.Load(output);
        var builder = new ProfileBuilder(["amount"], ["country", "device"]).SegmentBy("country");
        foreach (var (amount, country, device, _) in data)
        {
            builder.Add([amount], [country, device]);
        }

        var expected = builder.Build(ProfileKind.Dataset);
        Assert.Equal(["(other)", "DE", "FR", "US"], profile.Segments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(rows, profile.Segments.Values.Sum(s => s.Rows)); // every row in exactly one segment
        foreach (var (name, segment) in expected.Segments)
        {
            var actual = profile.Segments[name];
            Assert.Equal(segment.Rows, actual.Rows);
            var a = actual.Features.Single(f => f.Name == "amount");
            var e = segment.Features.Single(f => f.Name == "amount");
            Assert.Equal(e.Moments!.Count, a.Moments!.Count);
            Assert.Equal(e.Moments.Mean, a.Moments.Mean, 12);
            Assert.Equal(e.Moments.SampleVariance, a.Moments.SampleVariance, 12);
            Assert.Equal(e.Sketch!.Quantile(0.5), a.Sketch!.Quantile(0.5), 12);
            var devices = actual.Features.Single(f => f.Name == "device").Categories!;
            Assert.Equal(segment.Features.Single(f => f.Name == "device").Categories!.Count, devices.Count);
            Assert.Equal(segment.Rows, actual.Features.Single(f => f.Name == "prediction").Moments!.Count);
        }
    }

    [Fact]
    public void ProfileSegmentBy_ThenCompareSegmentBy_FindsTheShiftedSegment()
    {
        var (reference, _) = Csv("ref.csv", 1, 6_000, shifted: null);
        var (current, _) = Csv("cur.csv", 2, 6_000, shifted: "FR");
        string refProfile = System.IO.Path.Combine(_temp.Path, "ref.mwp"), curProfile = System.IO.Path.Combine(_temp.Path, "cur.mwp");
        Tool.Expect(0, "profile", reference, "-o", refProfile, "--segment-by", "country");
        Tool.Expect(0, "profile", current, "-o", curProfile, "--segment-by", "country");

        var result = Tool.Expect(0, "compare", "-r", refProfile, "-c", curProfile, "--segment-by", "country", "--format", "json");
        using var json = JsonDocument.Parse(result.Stdout);
        var segments = json.RootElement.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal("FR", segments[0].GetProperty("name").GetString());
        Assert.True(segments[0].GetProperty("isDrift").GetBoolean());
        Assert.Equal(["amount"], segments[0].GetProperty("driftedFeatures").EnumerateArray().Select(e => e.GetString()));
        Assert.All(segments.Skip(1), s => Assert.False(s.GetProperty("isDrift").GetBoolean()));

        // CSV files straight into compare --segment-by: the same verdicts.
        var direct = Tool.Expect(0, "compare", "-r", reference, "-c", current, "--segment-by", "country", "--format", "json");
        using var directJson = JsonDocument.Parse(direct.Stdout);
        Assert.Equal("FR", directJson.RootElement.GetProperty("segments")[0].GetProperty("name").GetString());
        Assert.True(directJson.RootElement.GetProperty("segments")[0].GetProperty("isDrift").GetBoolean());
    }

    [Fact]
    public void SegmentByTwoColumns_NamesSegmentsByTheCombination_AndComparesThem()
    {
        // 9,000 rows: "(other)" (rows without a country) stays under the 100 rows a segment needs to be judged.
        var (reference, _) = Csv("ref.csv", 1, 9_000, shifted: null);
        var (current, _) = Csv("cur.csv", 2, 9_000, shifted: "DE");
        string refProfile = System.IO.Path.Combine(_temp.Path, "ref.mwp"), curProfile = System.IO.Path.Combine(_temp.Path, "cur.mwp");
        Tool.Expect(0, "profile", reference, "-o", refProfile, "--segment-by", "country,device");
        Tool.Expect(0, "profile", current, "-o", curProfile, "--segment-by", "country,device");
        var profile = ProfileFile.Load(refProfile);
        Assert.Equal(["(other)", "DE|desktop", "DE|mobile", "FR|desktop", "FR|mobile", "US|desktop", "US|mobile"], profile.Segments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(9_000, profile.Segments.Values.Sum(s => s.Rows));

        var result = Tool.Expect(0, "compare", "-r", refProfile, "-c", curProfile, "--segment-by", "country,device", "--format", "json");
        using var json = JsonDocument.Parse(result.Stdout);
        var drifted = json.RootElement.GetProperty("segments").EnumerateArray().Where(s => s.GetProperty("isDrift").GetBoolean()).Select(s => s.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["DE|desktop", "DE|mobile"], drifted);
    }

    [Fact]
    public void MaxSegments_PutsLaterValuesInOther()
    {
        var (csv, data) = Csv("data.csv", 4, 3_000, shifted: null);
        string output = System.IO.Path.Combine(_temp.Path, "data.mwp");
        Tool.Expect(0, "profile", csv, "-o", output, "--segment-by", "country", "--max-segments", "2");
        var profile = ProfileFile.Load(output);
        Assert.Equal(["(other)", "DE", "FR"], profile.Segments.Keys.Order(StringComparer.Ordinal)); // row 0 has no country; DE and FR come next
        Assert.Equal(data.Count(r => r.Country is "" or "US"), profile.Segments["(other)"].Rows);
    }

    [Theory]
    [InlineData("nope", "names no column 'nope'")]
    [InlineData("amount", "the column is numeric")]
    [InlineData("prediction", "the column is numeric")]
    public void SegmentBy_ABadColumn_IsAClearError(string column, string message)
    {
        var (csv, _) = Csv("data.csv", 5, 100, shifted: null);
        var result = Tool.Expect(2, "profile", csv, "-o", System.IO.Path.Combine(_temp.Path, "x.mwp"), "--segment-by", column, "--numeric", "amount,prediction");
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentBy_SelectsItsColumn_LikeCategorical_WhenColumnsAreGiven()
    {
        // --columns profiles only the columns named; --segment-by names its column too, as --categorical would.
        var (csv, _) = Csv("data.csv", 6, 500, shifted: null);
        string output = System.IO.Path.Combine(_temp.Path, "x.mwp");
        Tool.Expect(0, "profile", csv, "-o", output, "--columns", "amount", "--segment-by", "country", "-q");
        var profile = ProfileFile.Load(output);
        Assert.Equal(["amount", "country"], profile.Features.Select(f => f.Name));
        Assert.Equal(["(other)", "DE", "FR", "US"], profile.Segments.Keys.Order(StringComparer.Ordinal));
        var ignored = Tool.Expect(2, "profile", csv, "-o", output, "--ignore", "country", "--segment-by", "country");
        Assert.Contains("the column is ignored", ignored.Stderr, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Drift;
using ModelWatch.Profiles;

namespace ModelWatch.Cli.Tests;

/// <summary>profile, merge, and compare from profile files.</summary>
public sealed class ProfileCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _seattle2012;
    private readonly string _seattle2015;

    public ProfileCommandTests()
    {
        _seattle2012 = TestData.Subset(TestData.Seattle, _temp.Path, "2012.csv", (line, _) => line.StartsWith("2012/", StringComparison.Ordinal));
        _seattle2015 = TestData.Subset(TestData.Seattle, _temp.Path, "2015.csv", (line, _) => line.StartsWith("2015/", StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Profile_WritesTheColumnsWithInferredKinds()
    {
        string output = _temp.File("2012.mwp");
        var result = Tool.Expect(0, "profile", _seattle2012, "-o", output, "--ignore", "date", "--model", "weather-model", "--model-version", "7");
        var profile = ProfileFile.Load(output);

        Assert.Equal(366, profile.Rows);
        Assert.Equal(["precipitation", "temp_max", "temp_min", "wind", "weather"], profile.Features.Select(f => f.Name));
        Assert.Equal([FeatureKind.Numeric, FeatureKind.Numeric, FeatureKind.Numeric, FeatureKind.Numeric, FeatureKind.Categorical], profile.Features.Select(f => f.Kind));
        Assert.Equal("weather-model", profile.ModelName);
        Assert.Equal("7", profile.ModelVersion);
        Assert.Equal(Tool.Now, profile.CreatedAt);
        Assert.Equal(191, profile.Find("weather")!.Categories!.EstimateCount("rain"));
        Assert.Equal(366, profile.Find("temp_max")!.Count);
        Assert.Contains("temp_max (numeric)", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void CompareProfiles_EqualsCompareCsvFiles()
    {
        string reference = _temp.File("2012.mwp");
        string current = _temp.File("2015.mwp");
        Tool.Expect(0, "profile", _seattle2012, "-o", reference, "--ignore", "date");
        Tool.Expect(0, "profile", _seattle2015, "-o", current, "--ignore", "date");

        string fromCsv = Tool.Expect(0, "compare", "-r", _seattle2012, "-c", _seattle2015, "--ignore", "date", "-f", "json").Stdout;
        string fromProfiles = Tool.Expect(0, "compare", "-r", reference, "-c", current, "-f", "json").Stdout;
        string mixed = Tool.Expect(0, "compare", "-r", reference, "-c", _seattle2015, "-f", "json").Stdout;

        Assert.Equal(fromCsv, fromProfiles);
        Assert.Equal(fromCsv, mixed);
        Assert.True(new ReportJson(fromProfiles).IsDrift);
    }

    [Fact]
    public void Compare_ReferenceProfileDecidesTheColumns_OfTheCurrentCsv()
    {
        // The reference reads weather as text; the current file is read the same way even though
        // --numeric is given (a note says the options are not used), and its extra column is ignored.
        string reference = _temp.File("2012.mwp");
        Tool.Expect(0, "profile", _seattle2012, "-o", reference, "--ignore", "date,wind");
        var result = Tool.Expect(0, "compare", "-r", reference, "-c", _seattle2015, "--numeric", "temp_max", "-f", "json");
        Assert.Contains("not used", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["precipitation", "temp_max", "temp_min", "weather"], new ReportJson(result.Stdout).FeatureNames);
    }

    [Fact]
    public void Compare_CurrentLacksAReferenceColumn_ExitsTwoNamingIt()
    {
        string current = _temp.Write("current.csv", "precipitation,temp_max\n1,2\n3,4\n");
        var result = Tool.Expect(2, "compare", "-r", _seattle2012, "-c", current, "--ignore", "date");
        Assert.Contains("no column 'temp_min', 'wind', 'weather'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MergeOfTwoHalves_MatchesTheProfileOfTheWhole()
    {
        string all = TestData.PathOf(TestData.Seattle);
        string first = TestData.Subset(TestData.Seattle, _temp.Path, "first.csv", (_, i) => i < 700);
        string second = TestData.Subset(TestData.Seattle, _temp.Path, "second.csv", (_, i) => i >= 700);
        foreach (var (csv, mwp) in new[] { (all, "all.mwp"), (first, "first.mwp"), (second, "second.mwp") })
        {
            // Fixed kinds, so that each part is read like the whole whatever its first rows hold.
            Tool.Expect(0, "profile", csv, "-o", _temp.File(mwp), "--ignore", "date", "--categorical", "weather", "--numeric", "precipitation,temp_max,temp_min,wind");
        }

        var result = Tool.Expect(0, "merge", _temp.File("first.mwp"), _temp.File("second.mwp"), "-o", _temp.File("merged.mwp"));
        Assert.Contains("merged 2 profiles (1,461 rows", result.Stderr, StringComparison.Ordinal);

        var whole = ProfileFile.Load(_temp.File("all.mwp"));
        var merged = ProfileFile.Load(_temp.File("merged.mwp"));
        Assert.Equal(whole.Rows, merged.Rows);
        Assert.Equal(whole.Features.Select(f => f.Name), merged.Features.Select(f => f.Name));
        foreach (var expected in whole.Features)
        {
            var actual = merged.Find(expected.Name)!;
            Assert.Equal(expected.Count, actual.Count);
            Assert.Equal(expected.MissingCount, actual.MissingCount);
            if (expected.Kind == FeatureKind.Numeric)
            {
                Assert.Equal(expected.Moments!.Mean, actual.Moments!.Mean, Math.Abs(expected.Moments.Mean) * 1e-9);
                Assert.Equal(expected.Moments.PopulationVariance, actual.Moments.PopulationVariance, expected.Moments.PopulationVariance * 1e-9);
                Assert.Equal(expected.Moments.Min, actual.Moments.Min);
                Assert.Equal(expected.Moments.Max, actual.Moments.Max);
                Assert.Equal(expected.Sketch!.Quantile(0.5), actual.Sketch!.Quantile(0.5));
            }
            else
            {
                Assert.Equal(expected.Categories!.GetCounts(), actual.Categories!.GetCounts());
            }
        }
    }

    [Fact]
    public void Merge_OfProfilesWithDifferentColumns_ExitsTwo()
    {
        Tool.Expect(0, "profile", _seattle2012, "-o", _temp.File("a.mwp"), "--ignore", "date");
        Tool.Expect(0, "profile", _seattle2015, "-o", _temp.File("b.mwp"), "--ignore", "date,wind");
        var result = Tool.Expect(2, "merge", _temp.File("a.mwp"), _temp.File("b.mwp"), "-o", _temp.File("c.mwp"));
        Assert.StartsWith("modelwatch: cannot merge:", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("c.mwp")));
    }

    [Fact]
    public void Merge_OfACsvFile_ExitsTwo()
    {
        var result = Tool.Expect(2, "merge", _seattle2012, "-o", _temp.File("c.mwp"));
        Assert.Contains("is not one", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_WithADamagedProfile_ExitsTwoNamingTheFile()
    {
        string damaged = _temp.Write("damaged.mwp", "{\"format\":\"modelwatch-profile\",\"formatVersion\":1,");
        var result = Tool.Expect(2, "compare", "-r", damaged, "-c", _seattle2015);
        Assert.StartsWith($"modelwatch: {damaged}:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareJson_IsTheDriftReport()
    {
        string json = Tool.Expect(0, "compare", "-r", _seattle2012, "-c", _seattle2015, "--ignore", "date", "-f", "json").Stdout;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("dataset", root.GetProperty("modelName").GetString());
        Assert.Equal("evaluated", root.GetProperty("status").GetString());
        Assert.Equal(5, root.GetProperty("features").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("meanLatencySeconds").ValueKind); // nothing timed: NaN, written as null
        var feature = root.GetProperty("features")[1];
        Assert.Equal("temp_max", feature.GetProperty("name").GetString());
        Assert.Equal("numeric", feature.GetProperty("kind").GetString());
        Assert.Equal("pValue", feature.GetProperty("verdict").GetProperty("basis").GetString());
        Assert.Equal(10, feature.GetProperty("currentCounts").GetArrayLength());
    }
}

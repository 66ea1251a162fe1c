using System.Text.RegularExpressions;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Reporting;

namespace ModelWatch.Cli.Tests;

/// <summary>The tool on the real data sets, against the known answers of Data/README.md.</summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _seattle2012;
    private readonly string _seattle2015;

    public EndToEndTests()
    {
        _seattle2012 = TestData.Subset(TestData.Seattle, _temp.Path, "2012.csv", (line, _) => line.StartsWith("2012/", StringComparison.Ordinal));
        _seattle2015 = TestData.Subset(TestData.Seattle, _temp.Path, "2015.csv", (line, _) => line.StartsWith("2015/", StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Seattle2012Vs2015_TempMaxAndWeatherDrift_AsTheKnownAnswersSay()
    {
        var result = Tool.Expect(0, "compare", "--reference", _seattle2012, "--current", _seattle2015, "--ignore", "date", "--format", "json");
        var report = new ReportJson(result.Stdout);

        // temp_max: KS D = 0.153, p = 3e-4 (exact; both years have under 600 rows, so ours is exact too).
        var ks = report.Detector("temp_max", "ks");
        Assert.InRange(ks.Statistic, 0.143, 0.163);
        Assert.InRange(ks.PValue, 1e-5, 2e-3);
        Assert.True(report.FeatureDrifts("temp_max"));

        // weather: chi-squared 384.1 with 4 dof, p ~ 7e-82.
        var chi = report.Detector("weather", "chi_squared");
        Assert.Equal(384.1, chi.Statistic, 0.1);
        Assert.InRange(chi.PValue, 1e-83, 1e-80);
        Assert.True(report.FeatureDrifts("weather"));

        Assert.True(report.IsDrift);
        Assert.Equal(["precipitation", "temp_max", "temp_min", "wind", "weather"], report.FeatureNames);
    }

    [Fact]
    public void Seattle2012Vs2015_WithFailOnDrift_ExitsOne()
    {
        var result = Tool.Expect(1, "compare", "-r", _seattle2012, "-c", _seattle2015, "--ignore", "date", "--fail-on-drift");
        Assert.Contains("dataset: DRIFT", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Stderr.Split('\n'), l => l.Contains("error", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void SeattleAlternateDays_NothingDrifts_ExitsZeroEvenWithFailOnDrift()
    {
        // Even and odd days share the seasons and the labelling of all four years: an honest no-drift case.
        string even = TestData.Subset(TestData.Seattle, _temp.Path, "even.csv", (_, i) => i % 2 == 0);
        string odd = TestData.Subset(TestData.Seattle, _temp.Path, "odd.csv", (_, i) => i % 2 == 1);
        var result = Tool.Expect(0, "compare", "-r", even, "-c", odd, "--ignore", "date", "--format", "json", "--fail-on-drift");
        var report = new ReportJson(result.Stdout);
        Assert.False(report.IsDrift);
        Assert.Equal(0, report.DriftedCount);
        foreach (string feature in report.FeatureNames)
        {
            Assert.False(report.FeatureDrifts(feature), feature);
        }

        Assert.True(report.Detector("temp_max", "ks").PValue > 0.5);
        Assert.True(report.Detector("weather", "chi_squared").PValue > 0.5);
    }

    [Fact]
    public void FileComparedWithItself_NoDrift_ExitsZeroWithFailOnDrift()
    {
        string path = TestData.PathOf(TestData.Seattle);
        var result = Tool.Expect(0, "compare", "-r", path, "-c", path, "--ignore", "date", "--fail-on-drift");
        Assert.Contains("dataset: no drift - 0 of 5 features drifted", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void MacroData_Before1984VsAfter_InflationDriftsUnemploymentDoesNot()
    {
        string before = TestData.Subset(TestData.Macro, _temp.Path, "before.csv", (line, _) => int.Parse(line[..4], System.Globalization.CultureInfo.InvariantCulture) < 1984);
        string after = TestData.Subset(TestData.Macro, _temp.Path, "after.csv", (line, _) => int.Parse(line[..4], System.Globalization.CultureInfo.InvariantCulture) >= 1984);
        var report = new ReportJson(Tool.Expect(0, "compare", "-r", before, "-c", after, "--ignore", "year,quarter", "-f", "json").Stdout);

        // infl: D = 0.39, p = 1.4e-7 (exact KS); unemp: D = 0.14, p = 0.24.
        var infl = report.Detector("infl", "ks");
        Assert.InRange(infl.Statistic, 0.37, 0.41);
        Assert.InRange(infl.PValue, 1e-8, 1e-6);
        Assert.True(report.FeatureDrifts("infl"));

        var unemp = report.Detector("unemp", "ks");
        Assert.InRange(unemp.Statistic, 0.12, 0.16);
        Assert.InRange(unemp.PValue, 0.15, 0.35);
        Assert.False(report.FeatureDrifts("unemp"));

        // The trending series drift in any time split.
        Assert.True(report.FeatureDrifts("realgdp"));
        Assert.True(report.FeatureDrifts("cpi"));
        Assert.DoesNotContain("year", report.FeatureNames);
    }

    [Fact]
    public void Table_HasAnAlignedRowPerDetector_AndTheDatasetVerdict()
    {
        var result = Tool.Expect(0, "compare", "-r", _seattle2012, "-c", _seattle2015, "--ignore", "date");
        string[] lines = result.Stdout.Split('\n');
        string header = lines.Single(l => l.StartsWith("feature ", StringComparison.Ordinal));
        foreach (string column in new[] { "kind", "detector", "statistic", "bound", "p-value", "threshold", "verdict" })
        {
            Assert.Contains(column, header, StringComparison.Ordinal);
        }

        // A column's first line is its deciding detector, the only one marked DRIFT or ok; the
        // others follow as information.
        string tempMax = lines.Single(l => l.StartsWith("temp_max ", StringComparison.Ordinal));
        Assert.Equal("ks", Regex.Split(tempMax.Trim(), " {2,}")[2]);
        Assert.EndsWith("DRIFT", tempMax.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(5, lines.Count(l => Regex.IsMatch(l.TrimEnd(), "  (DRIFT|ok)(, low count)?$")));
        Assert.All(lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Trim().Length > 0), l => Assert.Matches("  (info|low count)$", l.TrimEnd()));
        Assert.Contains(lines, l => l.StartsWith("Only the detector that decides", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("exact: ", StringComparison.Ordinal));

        // The statistic column is right-aligned: every detector row ends it at the same place.
        int end = header.IndexOf("statistic", StringComparison.Ordinal) + "statistic".Length;
        Assert.All(lines.Where(l => l.Contains(" psi ", StringComparison.Ordinal)), l => Assert.NotEqual(' ', l[end - 1]));
        Assert.Contains("dataset: DRIFT - 3 of 5 features drifted (60 %; the threshold is 50 %)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_ShowsStatisticsAndPValuesInTheSharedFormat()
    {
        var json = new ReportJson(Tool.Expect(0, "compare", "-r", _seattle2012, "-c", _seattle2015, "--ignore", "date", "-f", "json").Stdout);
        string[] lines = Tool.Expect(0, "compare", "-r", _seattle2012, "-c", _seattle2015, "--ignore", "date").Stdout.Split('\n');

        // The deciding detectors' rows (cells are separated by two spaces or more): the statistic and
        // p-value read as StatisticFormat writes the JSON's values, the format of the HTML report and
        // the dashboard too. KS p ~ 3e-4 stays fixed; chi-squared p ~ 7e-82 is scientific.
        foreach (var (feature, detector) in new[] { ("temp_max", "ks"), ("weather", "chi_squared") })
        {
            var expected = json.Detector(feature, detector);
            string[] cells = Regex.Split(lines.Single(l => l.StartsWith(feature + " ", StringComparison.Ordinal)).Trim(), " {2,}");
            Assert.Equal(detector, cells[2]);
            Assert.Equal(StatisticFormat.Statistic(expected.Statistic), cells[3]);
            Assert.Matches(@"^(exact|bounded|\+-\d\S*)$", cells[4]);
            Assert.Equal(StatisticFormat.PValue(expected.PValue), cells[5]);
            Assert.Equal("p < 0.05", cells[6]);
        }

        Assert.Matches(@"^0\.000\d{4}$", Regex.Split(lines.Single(l => l.StartsWith("temp_max ", StringComparison.Ordinal)).Trim(), " {2,}")[5]);
        Assert.Matches(@"^\d\.\d{1,3}e-8\d$", Regex.Split(lines.Single(l => l.StartsWith("weather ", StringComparison.Ordinal)).Trim(), " {2,}")[5]);

        // Detectors without a p-value show the missing value; effect sizes their ">=" threshold; a
        // detector that does not decide is information, whatever its value.
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\s+psi\s+\S+\s+(exact|bounded|\+-\S+)\s+-\s+>= 0\.1\s+(info|low count)$"));
        Assert.All(lines, l => Assert.True(l.All(char.IsAscii), l));
    }
}

using System.Globalization;
using System.Text.Json;
using ModelWatch.Cli.Tests.TestSupport;

namespace ModelWatch.Cli.Tests;

/// <summary>
/// <c>compare</c> reports the exact two-sample KS and Wasserstein when the data sets fit in exact
/// storage (SciPy 1.10.1 on the same rows: <c>ks_2samp(method='auto')</c>, <c>wasserstein_distance</c>),
/// and the bounded approximation, with its bound, beyond <c>--exact-up-to</c>.
/// </summary>
public sealed class ExactComparisonTests : IDisposable
{
    // scipy.stats.ks_2samp(before, after) on the infl column of the macro data split at 1984.
    private const double ScipyInflD = 0.392621359223301;
    private const double ScipyInflP = 1.4372291097966212e-07;
    private const double ScipyUnempD = 0.14058252427184467;
    private const double ScipyUnempP = 0.23601028792071874;

    private readonly TempFolder _temp = new();
    private readonly string _before;
    private readonly string _after;

    public ExactComparisonTests()
    {
        _before = TestData.Subset(TestData.Macro, _temp.Path, "before.csv", (line, _) => int.Parse(line[..4], CultureInfo.InvariantCulture) < 1984);
        _after = TestData.Subset(TestData.Macro, _temp.Path, "after.csv", (line, _) => int.Parse(line[..4], CultureInfo.InvariantCulture) >= 1984);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Compare_MacroPair_TablePrintsTheExactD()
    {
        var result = Tool.Expect(0, "compare", "-r", _before, "-c", _after, "--ignore", "year,quarter");

        string infl = result.Stdout.Split('\n').Single(l => l.StartsWith("infl ", StringComparison.Ordinal) && l.Contains(" ks ", StringComparison.Ordinal));
        Assert.Contains("0.3926", infl, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MacroPair_JsonEqualsScipyAndSaysExact()
    {
        var result = Tool.Expect(0, "compare", "-r", _before, "-c", _after, "--ignore", "year,quarter", "-f", "json");

        var infl = Ks(result.Stdout, "infl");
        Assert.Equal(ScipyInflD, infl.GetProperty("statistic").GetDouble(), 1e-12);
        Assert.True(Math.Abs(infl.GetProperty("pValue").GetDouble() - ScipyInflP) <= 1e-8 * ScipyInflP);
        Assert.Equal("exact", infl.GetProperty("exactness").GetString());
        var unemp = Ks(result.Stdout, "unemp");
        Assert.Equal(ScipyUnempD, unemp.GetProperty("statistic").GetDouble(), 1e-12);
        Assert.True(Math.Abs(unemp.GetProperty("pValue").GetDouble() - ScipyUnempP) <= 1e-8 * ScipyUnempP);
    }

    [Fact]
    public void Compare_ExactUpToBelowTheRows_BoundedWithABoundThatHolds()
    {
        var result = Tool.Expect(0, "compare", "-r", _before, "-c", _after, "--ignore", "year,quarter", "-f", "json", "--exact-up-to", "50");

        var infl = Ks(result.Stdout, "infl");
        Assert.Equal("bounded", infl.GetProperty("exactness").GetString());
        double bound = infl.GetProperty("statisticBound").GetDouble();
        Assert.True(Math.Abs(infl.GetProperty("statistic").GetDouble() - ScipyInflD) <= bound);
    }

    [Fact]
    public void Compare_ExactUpToAboveTheSketchCapacity_CsvProfiledExactly()
    {
        // 1,461 rows per side: more than the default sketch holds exactly, fewer than the limit asked for.
        string seattle = TestData.PathOf(TestData.Seattle);
        var result = Tool.Expect(0, "compare", "-r", seattle, "-c", seattle, "--ignore", "date", "-f", "json", "--exact-up-to", "2000");

        var ks = Ks(result.Stdout, "temp_max");
        Assert.Equal("exact", ks.GetProperty("exactness").GetString());
        Assert.Equal(0, ks.GetProperty("statistic").GetDouble());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("70000")]
    public void Compare_ExactUpToOutOfRange_UsageError(string value)
    {
        var result = Tool.Run("compare", "-r", _before, "-c", _after, "--exact-up-to", value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--exact-up-to must be between 0 and 65536", result.Stderr, StringComparison.Ordinal);
    }

    private static JsonElement Ks(string json, string feature)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == feature)
            .GetProperty("detectors").EnumerateArray()
            .Single(d => d.GetProperty("detector").GetString() == "ks").Clone();
    }
}

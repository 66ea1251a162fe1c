using ModelWatch.Cli.Tests.TestSupport;

namespace ModelWatch.Cli.Tests.Gate;

/// <summary>
/// <c>--fail-on-drift</c> fails closed: a comparison it cannot trust (too few rows on either side, no
/// verdict) exits 2 unless <c>--allow-no-verdict</c> accepts it, and the rows read are printed beside the verdict.
/// </summary>
public sealed class DriftGateTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _reference;

    public DriftGateTests()
    {
        _reference = _temp.Write("reference.csv", SyntheticCsv.Text(5_000, 0, 1));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void StrayQuote_InTheCurrentFile_ExitsTwo_WhereTheCleanFileExitsOne()
    {
        // x shifted by 0.3 standard deviations: 5,000 rows drift (one feature of three is the dataset threshold
        // here); the first 3 rows alone cannot show it.
        string clean = _temp.Write("clean.csv", SyntheticCsv.Text(5_000, 0.3, 2));
        string inch = _temp.Write("inch.csv", SyntheticCsv.Text(5_000, 0.3, 2, (i, row) => i == 3 ? row[..^1] + "55\" TV" : row));
        Tool.Expect(1, "compare", "-r", _reference, "-c", clean, "--fail-on-drift", "--drift-share", "0.3");

        var broken = Tool.Expect(2, "compare", "-r", _reference, "-c", inch, "--fail-on-drift", "--drift-share", "0.3");
        Assert.Contains($"{inch}, line 5: a quote opened on this line is never closed", broken.Stderr, StringComparison.Ordinal);

        // Skipping the malformed row leaves 3 rows: too few to decide.
        var skipped = Tool.Expect(2, "compare", "-r", _reference, "-c", inch, "--fail-on-drift", "--drift-share", "0.3", "--skip-bad-rows");
        Assert.Contains($"no verdict: the current data set ({inch}) has 3 rows, fewer than --min-rows (100)", skipped.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    [InlineData("html")]
    public void HeaderOnlyCurrent_HasNoVerdict_ExitsTwo(string format)
    {
        string header = _temp.Write("header.csv", SyntheticCsv.Header + "\n");
        var result = Tool.Expect(2, "compare", "-r", _reference, "-c", header, "--fail-on-drift", "-f", format, "-o", _temp.File("out"));
        Assert.Contains($"modelwatch: no verdict: the current data set ({header}) has 0 rows, fewer than --min-rows (100). "
            + "--fail-on-drift fails when the comparison cannot decide (exit 2): check the input, or accept it with --allow-no-verdict.", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(_temp.File("out")), "the report is still written");
    }

    [Fact]
    public void NoFeatureEvaluated_HasNoVerdict_ExitsTwo_EvenWithoutARowMinimum()
    {
        string empty = _temp.Write("empty.csv", SyntheticCsv.Header + "\n" + string.Concat(Enumerable.Repeat(",,\n", 200)));
        var result = Tool.Expect(2, "compare", "-r", _reference, "-c", empty, "--fail-on-drift", "--min-rows", "0");
        Assert.Equal("dataset: no verdict - no feature could be evaluated; rows: reference 5,000, current 200", VerdictLine(result.Stdout));
        Assert.Contains("modelwatch: no verdict: no feature could be evaluated.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void FewerRowsThanTheMinimum_OnEitherSide_ExitsTwo_AndTheMinimumIsSettable()
    {
        string small = _temp.Write("small.csv", SyntheticCsv.Text(60, 0, 3));
        string current = _temp.Write("current.csv", SyntheticCsv.Text(5_000, 0, 4));
        Assert.Contains($"the current data set ({small}) has 60 rows", Tool.Expect(2, "compare", "-r", _reference, "-c", small, "--fail-on-drift").Stderr, StringComparison.Ordinal);
        Assert.Contains($"the reference ({small}) has 60 rows", Tool.Expect(2, "compare", "-r", small, "-c", current, "--fail-on-drift").Stderr, StringComparison.Ordinal);

        var enough = Tool.Expect(0, "compare", "-r", _reference, "-c", small, "--fail-on-drift", "--min-rows", "50");
        Assert.StartsWith("dataset: no drift - ", VerdictLine(enough.Stdout), StringComparison.Ordinal);
        Assert.EndsWith("; rows: reference 5,000, current 60", VerdictLine(enough.Stdout), StringComparison.Ordinal);

        // A profile counts its rows as a CSV file does.
        string profile = _temp.File("small.mwp");
        Tool.Expect(0, "profile", small, "-o", profile);
        Assert.Contains($"the current data set ({profile}) has 60 rows", Tool.Expect(2, "compare", "-r", _reference, "-c", profile, "--fail-on-drift").Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowNoVerdict_AcceptsAnUndecidedComparison_Explicitly()
    {
        string header = _temp.Write("header.csv", SyntheticCsv.Header + "\n");
        var result = Tool.Expect(0, "compare", "-r", _reference, "-c", header, "--fail-on-drift", "--allow-no-verdict");
        Assert.Equal($"dataset: no verdict - the current data set ({header}) has 0 rows, fewer than --min-rows (100); rows: reference 5,000, current 0", VerdictLine(result.Stdout));
    }

    [Fact]
    public void WithoutFailOnDrift_AnUndecidedComparison_ExitsZero_AndSaysSo()
    {
        string header = _temp.Write("header.csv", SyntheticCsv.Header + "\n");
        var result = Tool.Expect(0, "compare", "-r", _reference, "-c", header, "-f", "json");
        Assert.Contains("dataset: no verdict - the current data set", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RowCounts_ArePrintedBesideTheVerdict_InTheTableAndOnStandardError()
    {
        string current = _temp.Write("current.csv", SyntheticCsv.Text(4_000, 0.3, 5));
        string verdict = "dataset: DRIFT - 1 of 3 features drifted (33.3 %; the threshold is 30 %); rows: reference 5,000, current 4,000";
        Assert.Equal(verdict, VerdictLine(Tool.Expect(1, "compare", "-r", _reference, "-c", current, "--drift-share", "0.3", "--fail-on-drift").Stdout));
        Assert.Equal("modelwatch: " + verdict, VerdictLine(Tool.Expect(1, "compare", "-r", _reference, "-c", current, "--drift-share", "0.3", "--fail-on-drift", "-f", "json").Stderr));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("many")]
    public void MinRows_ThatIsNotACount_IsAUsageError(string value)
    {
        Tool.Expect(2, "compare", "-r", _reference, "-c", _reference, "--min-rows", value);
    }

    private static string VerdictLine(string output) => output.Split('\n').Single(l => l.Contains("dataset: ", StringComparison.Ordinal)).TrimEnd('\r');
}

using ModelWatch.Cli.Tests.TestSupport;

namespace ModelWatch.Cli.Tests;

/// <summary>Arguments, usage errors and exit codes.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("compare", "-r", "a.csv", "-c", "b.csv", "--no-such-option")]
    [InlineData("frobnicate")]
    [InlineData]
    [InlineData("compare", "-r", "a.csv")]
    [InlineData("compare", "-r", "a.csv", "-c", "b.csv", "--format", "xml")]
    [InlineData("compare", "-r", "a.csv", "-c", "b.csv", "--p-value", "2")]
    [InlineData("compare", "-r", "a.csv", "-c", "b.csv", "--p-value", "abc")]
    [InlineData("compare", "-r", "a.csv", "-c", "b.csv", "--drift-share", "half")]
    [InlineData("compare", "-r", "a.csv", "-c", "b.csv", "--min-rows", "many")]
    [InlineData("compare", "-r", "a.csv", "-c", "b.csv", "--min-rows", "-1")]
    [InlineData("compare", "-r", "a.csv", "-c", "b.csv", "--correction", "holm")]
    [InlineData("profile", "a.csv")]
    [InlineData("profile", "a.csv", "-o", "a.mwp", "--delimiter", "ab")]
    [InlineData("merge", "-o", "a.mwp")]
    public void UsageErrors_ExitTwo_WithAMessageAndAHint(params string[] args)
    {
        var result = Tool.Expect(2, args);
        Assert.StartsWith("modelwatch: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void MissingFile_ExitsTwo_WithoutAStackTrace()
    {
        string missing = _temp.File("missing.csv");
        var result = Tool.Expect(2, "compare", "-r", missing, "-c", missing);
        Assert.Equal($"modelwatch: {missing}: no such file.", result.Stderr.Trim());

        result = Tool.Expect(2, "compare", "-r", _temp.File("missing.mwp"), "-c", missing);
        Assert.Equal($"modelwatch: {_temp.File("missing.mwp")}: no such file.", result.Stderr.Trim());
    }

    [Fact]
    public void UnwritableOutput_ExitsTwo()
    {
        string csv = _temp.Write("a.csv", "x\n1\n2\n");
        string blocked = _temp.Write("file", "not a folder");
        var result = Tool.Expect(2, "compare", "-r", csv, "-c", csv, "-o", Path.Combine(blocked, "report.txt"));
        Assert.Contains("cannot be written", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("compare", "--help")]
    [InlineData("profile", "-h")]
    public void Help_ExitsZero_AndDescribesTheOptions(params string[] args)
    {
        var result = Tool.Expect(0, args);
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareHelp_ListsTheGateOptions()
    {
        string help = Tool.Expect(0, "compare", "--help").Stdout;
        foreach (string option in new[] { "--reference", "--current", "--format", "--fail-on-drift", "--skip-bad-rows", "--numeric", "--categorical", "--ignore", "--output" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ReferenceWithoutValues_ExitsTwo_SayingWhichColumn()
    {
        string reference = _temp.Write("ref.csv", "x,y\n1,\n2,\n");
        string current = _temp.Write("cur.csv", "x,y\n1,3\n2,4\n");
        var result = Tool.Expect(2, "compare", "-r", reference, "-c", current, "--numeric", "y");
        Assert.Contains("'y' has no finite value", result.Stderr, StringComparison.Ordinal);
    }
}

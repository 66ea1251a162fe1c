using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Parquet.Tests.TestSupport;
using ModelWatch.Profiles;

namespace ModelWatch.Parquet.Tests;

/// <summary><c>modelwatch</c> with Parquet inputs: profile, compare and report, and the gate exactly as with CSV.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Profile_WritesTheProfileOfTheParquetFile()
    {
        string parquet = Data.Simple(2_000, 0, 1).WriteParquet(_temp.File("train.parquet"), 500);
        string output = _temp.File("train.mwp");

        var result = Tool.Expect(0, "profile", parquet, "-o", output, "--model", "churn", "--ignore", "c");

        var profile = ProfileFile.Load(output);
        Assert.Equal(("churn", 2_000L), (profile.ModelName, profile.Rows));
        Assert.Equal(Tool.Now, profile.CreatedAt);
        Assert.Equal(["a", "k"], profile.Features.Select(f => f.Name));
        Assert.Contains("2,000 rows in", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("columns: a (numeric), k (categorical)", result.Stderr, StringComparison.Ordinal);
        var direct = ParquetProfiler.ProfileFile(parquet, new ParquetProfileOptions { Ignore = ["c"] });
        direct.ModelName = "churn";
        direct.CreatedAt = Tool.Now;
        Assert.Equal(ProfileBytes.Of(direct), ProfileBytes.Of(profile));
    }

    [Fact]
    public void Profile_OfTheSameRowsAsCsvAndAsParquet_WritesTheSameFile()
    {
        var table = Data.AllTypes(5_000, seed: 11);
        string parquet = table.WriteParquet(_temp.File("all.parquet"), 1_024, Data.AllTypesSettings);
        string csv = table.WriteCsv(_temp.File("all.csv"));

        Tool.Expect(0, "profile", parquet, "-o", _temp.File("p.mwp"), "-q");
        Tool.Expect(0, "profile", csv, "-o", _temp.File("c.mwp"), "-q", "--numeric", string.Join(',', Data.Numeric), "--categorical", string.Join(',', Data.Categorical));

        Assert.Equal(File.ReadAllBytes(_temp.File("c.mwp")), File.ReadAllBytes(_temp.File("p.mwp")));
    }

    [Fact]
    public void Compare_ParquetFiles_GatesOnDrift_AsWithCsv()
    {
        string reference = Data.Simple(3_000, 0, 1).WriteParquet(_temp.File("ref.parquet"), 1_000);
        string same = Data.Simple(3_000, 0, 2).WriteParquet(_temp.File("same.parquet"), 700);
        string shifted = Data.Simple(3_000, 1.5, 3).WriteParquet(_temp.File("shifted.parquet"), 700);

        Assert.Contains("dataset: no drift", Tool.Expect(0, "compare", "-r", reference, "-c", same, "--fail-on-drift").Stdout, StringComparison.Ordinal);
        var drift = Tool.Expect(1, "compare", "-r", reference, "-c", shifted, "--fail-on-drift");
        Assert.Contains("dataset: DRIFT", drift.Stdout, StringComparison.Ordinal);
        Assert.Contains("rows: reference 3,000, current 3,000", drift.Stdout, StringComparison.Ordinal);

        // The same comparison from CSV gives the same table.
        string csvReference = Data.Simple(3_000, 0, 1).WriteCsv(_temp.File("ref.csv"));
        string csvShifted = Data.Simple(3_000, 1.5, 3).WriteCsv(_temp.File("shifted.csv"));
        Assert.Equal(drift.Stdout.Replace(reference, "R", StringComparison.Ordinal).Replace(shifted, "C", StringComparison.Ordinal), Tool.Expect(1, "compare", "-r", csvReference, "-c", csvShifted, "--fail-on-drift").Stdout.Replace(csvReference, "R", StringComparison.Ordinal).Replace(csvShifted, "C", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_WithTooFewRows_HasNoVerdict_AndFailsClosed()
    {
        string reference = Data.Simple(3_000, 0, 1).WriteParquet(_temp.File("ref.parquet"), 1_000);
        string small = Data.Simple(50, 0, 2).WriteParquet(_temp.File("small.parquet"), 1_000);

        var result = Tool.Expect(2, "compare", "-r", reference, "-c", small, "--fail-on-drift");
        Assert.Contains("dataset: no verdict - ", result.Stdout, StringComparison.Ordinal);
        Tool.Expect(0, "compare", "-r", reference, "-c", small, "--fail-on-drift", "--min-rows", "50");
        Tool.Expect(0, "compare", "-r", reference, "-c", small, "--fail-on-drift", "--allow-no-verdict");
    }

    [Fact]
    public void Compare_AProfileOrCsvReference_WithAParquetCurrent_ReadsTheReferencesColumns()
    {
        string csv = Data.Simple(3_000, 0, 1).WriteCsv(_temp.File("ref.csv"));
        string mwp = _temp.File("ref.mwp");
        Tool.Expect(0, "profile", csv, "-o", mwp, "--ignore", "c", "-q");
        string current = Data.Simple(3_000, 0, 2).WriteParquet(_temp.File("today.parquet"), 1_000);

        var fromProfile = Tool.Expect(0, "compare", "-r", mwp, "-c", current, "-f", "json");
        Assert.DoesNotContain("\"c\"", fromProfile.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"a\"", fromProfile.Stdout, StringComparison.Ordinal);
        var fromCsv = Tool.Expect(0, "compare", "-r", csv, "-c", current, "--ignore", "c", "-f", "json");
        Assert.Equal(fromProfile.Stdout.Replace(mwp, "R", StringComparison.Ordinal), fromCsv.Stdout.Replace(csv, "R", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_OfParquetFiles_WritesTheHtmlPage()
    {
        string reference = Data.Simple(1_000, 0, 1).WriteParquet(_temp.File("ref.parquet"), 1_000);
        string current = Data.Simple(1_000, 1.5, 3).WriteParquet(_temp.File("today.parquet"), 1_000);
        string html = _temp.File("drift.html");

        Tool.Expect(1, "report", "-r", reference, "-c", current, "-o", html, "--fail-on-drift");

        Assert.Contains("Drift report: today.parquet against ref.parquet", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedColumns_AreAOneLineError_NamingFileColumnAndType()
    {
        string path = new Table()
            .Add("at", new[] { new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) }, _ => null)
            .Add("x", new[] { 1.0 }, _ => null)
            .WriteParquet(_temp.File("t.parquet"), 10);

        var result = Tool.Expect(2, "profile", path, "-o", _temp.File("t.mwp"));
        Assert.Equal($"modelwatch: {path}: column 'at' has type timestamp (microseconds, UTC), which ModelWatch does not profile; --ignore at leaves it out.\n", result.Stderr.ReplaceLineEndings("\n"));
        Tool.Expect(0, "profile", path, "-o", _temp.File("t.mwp"), "--ignore", "at");
        Tool.Expect(0, "profile", path, "-o", _temp.File("t.mwp"), "--columns", "x");
    }

    [Fact]
    public void Columns_SelectsCsvColumnsToo()
    {
        string csv = _temp.Write("d.csv", "id,a,b,prediction\n1,2,x,0.5\n2,3,y,0.6\n");
        Tool.Expect(0, "profile", csv, "-o", _temp.File("d.mwp"), "--columns", "a", "--prediction", "prediction", "-q");
        Assert.Equal(["a", "prediction"], ProfileFile.Load(_temp.File("d.mwp")).Features.Select(f => f.Name));
        Assert.Contains("--columns: ", Tool.Expect(2, "profile", csv, "-o", _temp.File("e.mwp"), "--columns", "zz").Stderr, StringComparison.Ordinal);
        Assert.Contains("is given to both --columns and --ignore", Tool.Expect(2, "profile", csv, "-o", _temp.File("e.mwp"), "--columns", "a", "--ignore", "a").Stderr, StringComparison.Ordinal);
    }
}

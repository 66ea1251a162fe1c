using System.Globalization;
using System.IO.Compression;
using System.Text;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Drift;
using ModelWatch.Profiles;

namespace ModelWatch.Cli.Tests.Csv;

/// <summary>CSV rules: RFC 4180 quoting, missing cells, malformed rows, schema inference and overrides.</summary>
public sealed class CsvReadingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void QuotedFields_WithCommasQuotesAndLineBreaks_AreOneCellEach()
    {
        string csv = _temp.Write("quoted.csv", "id,label,amount\n1,\"a,b\",1.5\n2,\"say \"\"hi\"\"\",\"2.5\"\n3,\"two\nlines\",3.5\n4,plain,4.5\n");
        var profile = ProfileOf(csv);

        Assert.Equal(4, profile.Rows);
        var label = profile.Find("label")!.Categories!;
        Assert.Equal(1, label.EstimateCount("a,b"));
        Assert.Equal(1, label.EstimateCount("say \"hi\""));
        Assert.Equal(1, label.EstimateCount("two\nlines"));
        Assert.Equal(4, label.Count);
        var amount = profile.Find("amount")!;
        Assert.Equal(FeatureKind.Numeric, amount.Kind);
        Assert.Equal(3.0, amount.Moments!.Mean, 12);
    }

    [Fact]
    public void EmptyCells_AreMissing_InNumericAndCategoricalColumns()
    {
        string csv = _temp.Write("empty.csv", "x,c\n1,a\n,b\n3,\n , \nNaN,a\n");
        var profile = ProfileOf(csv);

        var x = profile.Find("x")!;
        Assert.Equal(FeatureKind.Numeric, x.Kind);
        Assert.Equal(2, x.Count);
        Assert.Equal(3, x.MissingCount); // empty, blank, NaN
        var c = profile.Find("c")!;
        Assert.Equal(1, c.MissingCount);
        Assert.Equal(4, c.Count); // a, b, " ", a
    }

    [Fact]
    public void CrLfLineEndings_ByteOrderMark_AndBlankLines_AreRead()
    {
        string path = _temp.File("crlf.csv");
        File.WriteAllText(path, "x,c\r\n1,a\r\n\r\n2,b\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var profile = ProfileOf(path);
        Assert.Equal(2, profile.Rows);
        Assert.Equal(["x", "c"], profile.Features.Select(f => f.Name));
        Assert.Equal(1, profile.Find("c")!.Categories!.EstimateCount("b"));
    }

    [Theory]
    [InlineData("x,c\n1,a\n   \n2,b\n\t \n3,c\n")]
    [InlineData("x,c\r\n1,a\r\n \r\n2,b\r\n\r\n3,c")]
    [InlineData("\n   \nx,c\n1,a\n2,b\n3,c\n")]
    public void LinesOfSpaces_AreBlankLines_SkippedBeforeAndAfterTheHeader(string text)
    {
        var profile = ProfileOf(_temp.Write("spaces.csv", text));
        Assert.Equal(3, profile.Rows);
        Assert.Equal(["x", "c"], profile.Features.Select(f => f.Name));
        Assert.Equal(0, profile.Find("x")!.MissingCount);
    }

    [Fact]
    public void BlankLines_InAOneColumnFile_AreSkipped_AndAQuotedEmptyCellIsMissing()
    {
        var profile = ProfileOf(_temp.Write("one.csv", "x\n1\n\n   \n\"\"\n2\n"));
        Assert.Equal(3, profile.Rows);
        Assert.Equal(2, profile.Find("x")!.Count);
        Assert.Equal(1, profile.Find("x")!.MissingCount);
    }

    [Theory]
    [InlineData("\n\n\n")]
    [InlineData("   \n   \n   \n   \n")]
    [InlineData(" \r\n\t\r\n")]
    public void FileOfOnlyBlankLines_HasNoHeader_ExitsTwo(string text)
    {
        string csv = _temp.Write("blank.csv", text);
        var result = Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp"));
        Assert.Equal($"modelwatch: {csv}: the file is empty or holds only blank lines (a CSV file starts with a header row).", result.Stderr.Trim());
    }

    [Fact]
    public void LineNumbers_CountBlankLinesBeforeTheHeader()
    {
        string csv = _temp.Write("late.csv", "\n \nx,y\n1,2\n3\n");
        Assert.Contains($"{csv}, line 5: expected 2 fields", Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp")).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedQuote_AtTheEndOfTheFile_IsAMalformedRow_NamingTheLineItOpenedOn()
    {
        // An inch mark in an unquoted cell opens a quoted field that never closes: the rest of the file is one cell.
        string csv = _temp.Write("inch.csv", SyntheticCsv.Text(5_000, 0, 7, (i, row) => i == 3 ? row[..^1] + "55\" TV" : row));
        var failed = Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp"));
        Assert.Equal(
            $"modelwatch: {csv}, line 5: a quote opened on this line is never closed, so lines 5 to 5001 would be one cell "
            + "(a quote inside a field is written doubled, in a quoted field: \"55\"\" TV\"). Fix the row, or skip such rows with --skip-bad-rows.",
            failed.Stderr.Trim());

        var skipped = Tool.Expect(0, "profile", csv, "-o", _temp.File("out.mwp"), "--skip-bad-rows");
        Assert.Contains("skipped 1 malformed row", skipped.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, ProfileFile.Load(_temp.File("out.mwp")).Rows);
    }

    [Theory]
    [InlineData("x,c\n1,\"two\nlines\"\n2,\"open\n3,c\n", 4, 5)]
    [InlineData("x,c\r\n1,a\r\n2,\"b", 3, 3)]
    [InlineData("x,c\n1,a\n2,b \"\"c\"\n", 3, 3)]
    public void UnterminatedQuote_NamesTheLineWhereTheLastQuoteOpened(string text, int line, int lastLine)
    {
        string csv = _temp.Write("open.csv", text);
        var result = Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp"));
        string lines = line == lastLine ? $"line {line} would be one cell" : $"lines {line} to {lastLine} would be one cell";
        Assert.Contains($"{csv}, line {line}: a quote opened on this line is never closed, so {lines}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedQuote_InTheHeader_IsAnErrorAboutTheFile()
    {
        string csv = _temp.Write("header.csv", "x,\"c\n1,a\n");
        var result = Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp"), "--skip-bad-rows");
        Assert.StartsWith($"modelwatch: {csv}: the header (line 1): a quote opened on this line is never closed, so lines 1 to 2 would be one cell", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongFieldCount_ExitsTwo_NamingTheLine()
    {
        string csv = _temp.Write("short.csv", "x,y,c\n1,2,a\n3,4,b\n5,6\n7,8,c\n");
        var result = Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp"));
        Assert.Equal($"modelwatch: {csv}, line 4: expected 3 fields as in the header, found 2. Fix the row, or skip such rows with --skip-bad-rows.", result.Stderr.Trim());
        Assert.False(File.Exists(_temp.File("out.mwp")));
    }

    [Fact]
    public void LineNumbers_CountLinesInsideQuotedFields()
    {
        string csv = _temp.Write("multi.csv", "x,c\n1,\"a\nb\nc\"\n2,b,extra\n");
        var result = Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp"));
        Assert.Contains(", line 5: expected 2 fields as in the header, found 3", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void WordInAForcedNumericColumn_ExitsTwo_NamingTheLineAndColumn()
    {
        string csv = _temp.Write("word.csv", "x,y\n1,2\n3,abc\n");
        var result = Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp"), "--numeric", "y");
        Assert.Contains("line 3: column 'y' is numeric but holds 'abc'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void WordInAnInferredNumericColumn_AfterTheInferenceRows_IsAMalformedRow()
    {
        // 10,000 numeric rows decide the kind; a word on a later line is then an error, or skipped and counted.
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < 10_500; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},{(i == 10_200 ? "n/a" : (i * 0.5).ToString(CultureInfo.InvariantCulture))}\n");
        }

        string csv = _temp.Write("late.csv", text.ToString());
        var failed = Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp"));
        Assert.Contains("line 10202: column 'y' is numeric but holds 'n/a'", failed.Stderr, StringComparison.Ordinal);

        var skipped = Tool.Expect(0, "profile", csv, "-o", _temp.File("out.mwp"), "--skip-bad-rows");
        Assert.Contains("skipped 1 malformed row", skipped.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 10202: column 'y' is numeric but holds 'n/a'", skipped.Stderr, StringComparison.Ordinal);
        var profile = ProfileFile.Load(_temp.File("out.mwp"));
        Assert.Equal(10_499, profile.Rows);
        Assert.Equal(10_499, profile.Find("x")!.Count);
        Assert.Equal(FeatureKind.Numeric, profile.Find("y")!.Kind);
    }

    [Fact]
    public void SkipBadRows_CountsAndReportsEveryKind_AndKeepsTheGoodRows()
    {
        string csv = _temp.Write("bad.csv", "x,y,c\n1,2,a\n3,4\n5,6,b\n7,8,c,d\n9,ten,e\n11,12,f\n");
        var result = Tool.Expect(0, "profile", csv, "-o", _temp.File("out.mwp"), "--numeric", "x,y", "--skip-bad-rows");
        Assert.Contains($"{csv}: skipped 3 malformed rows", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 3: expected 3 fields as in the header, found 2", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 5: expected 3 fields as in the header, found 4", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 6: column 'y' is numeric but holds 'ten'", result.Stderr, StringComparison.Ordinal);

        var profile = ProfileFile.Load(_temp.File("out.mwp"));
        Assert.Equal(3, profile.Rows);
        Assert.Equal(3, profile.Find("x")!.Count);
        Assert.Equal(3, profile.Find("c")!.Count); // no half-added row
        Assert.Equal(0, profile.Find("c")!.Categories!.EstimateCount("e"));
    }

    [Fact]
    public void Inference_AColumnWithAWord_IsCategorical_AndOverridesWin()
    {
        string csv = _temp.Write("mixed.csv", "code,zip,value,date\nA1,01234,1.5,2024-01-01\n7,02139,2.5,2024-01-02\n8,10001,,2024-01-03\n");
        var inferred = ProfileOf(csv);
        Assert.Equal(FeatureKind.Categorical, inferred.Find("code")!.Kind);
        Assert.Equal(FeatureKind.Numeric, inferred.Find("zip")!.Kind);
        Assert.Equal(FeatureKind.Numeric, inferred.Find("value")!.Kind);
        Assert.Equal(FeatureKind.Categorical, inferred.Find("date")!.Kind);

        var overridden = ProfileOf(csv, "--categorical", "zip", "--ignore", "date");
        Assert.Equal(FeatureKind.Categorical, overridden.Find("zip")!.Kind);
        Assert.Equal(1, overridden.Find("zip")!.Categories!.EstimateCount("01234"));
        Assert.Null(overridden.Find("date"));
    }

    [Fact]
    public void Inference_AColumnWithNoValue_IsCategorical()
    {
        var profile = ProfileOf(_temp.Write("blank.csv", "x,nothing\n1,\n2,\n"));
        Assert.Equal(FeatureKind.Categorical, profile.Find("nothing")!.Kind);
        Assert.Equal(2, profile.Find("nothing")!.MissingCount);
    }

    [Fact]
    public void DecimalCommasAndThousandsSeparators_AreNotNumbers()
    {
        // Quoted, "1,5" is one cell; it must not be read as 15.
        var profile = ProfileOf(_temp.Write("comma.csv", "x,y\n\"1,5\",1\n\"2,5\",2\n"));
        Assert.Equal(FeatureKind.Categorical, profile.Find("x")!.Kind);

        string csv = _temp.Write("semicolon.csv", "x;y\n1,5;1\n2,5;2\n");
        var result = Tool.Expect(2, "profile", csv, "-o", _temp.File("out.mwp"), "--delimiter", ";", "--numeric", "x");
        Assert.Contains("line 2: column 'x' is numeric but holds '1,5'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NumbersInEveryInvariantSpelling_AreNumeric()
    {
        var profile = ProfileOf(_temp.Write("numbers.csv", "x\n1\n-2.5\n+3\n1e3\n-1.5E-2\n.5\n 7 \nInfinity\n-inf\n"));
        var x = profile.Find("x")!;
        Assert.Equal(FeatureKind.Numeric, x.Kind);
        Assert.Equal(7, x.Count);
        Assert.Equal(2, x.NonFiniteCount);
        Assert.Equal(1000, x.Moments!.Max);
    }

    [Fact]
    public void TabDelimiter_AndGzipInput_AreRead()
    {
        string path = _temp.File("data.tsv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes("x\tc\n1\ta\n2\tb\n"));
        }

        var profile = ProfileOf(path, "--delimiter", "tab");
        Assert.Equal(2, profile.Rows);
        Assert.Equal(1.5, profile.Find("x")!.Moments!.Mean);
    }

    [Fact]
    public void TruncatedGzipFile_IsAnError_NotAShorterFile()
    {
        // Cut after a whole row, the rest is a well-formed CSV file of 1,500 rows: only the gzip trailer tells.
        string path = _temp.File("cut.csv.gz");
        File.WriteAllBytes(path, SyntheticCsv.TruncatedGzip(SyntheticCsv.Text(2_000, 0, 1), row: 1_500));
        var result = Tool.Expect(2, "profile", path, "-o", _temp.File("out.mwp"));
        Assert.Equal($"modelwatch: {path}: cannot be read (the compressed data end early or are damaged: the gzip trailer's CRC-32 and size do not match the data)", result.Stderr.Trim());
    }

    [Fact]
    public void ConcatenatedGzipMembers_AreReadWhole()
    {
        // gzip allows several members one after the other (cat a.gz b.gz); the trailer at the end is the last member's.
        string text = SyntheticCsv.Text(300, 0, 1);
        string second = SyntheticCsv.Text(200, 0, 2);
        string path = _temp.File("two.csv.gz");
        using (var file = File.Create(path))
        {
            foreach (string part in new[] { text, second[(second.IndexOf('\n') + 1)..] })
            {
                using var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
                gzip.Write(Encoding.UTF8.GetBytes(part));
            }
        }

        Assert.Equal(500, ProfileOf(path).Rows);
    }

    [Fact]
    public void EmptyHeaderCells_AreNamedByPosition_AndDuplicateNamesAreRefused()
    {
        var profile = ProfileOf(_temp.Write("unnamed.csv", ",x\n0,1\n1,2\n"));
        Assert.Equal(["column1", "x"], profile.Features.Select(f => f.Name));

        string duplicate = _temp.Write("duplicate.csv", "x,x,y\n1,2,3\n");
        Assert.Contains("names column 'x' more than once", Tool.Expect(2, "profile", duplicate, "-o", _temp.File("out.mwp")).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFile_ExitsTwo_AndAHeaderOnlyFileGivesAnEmptyProfile()
    {
        Assert.Contains("the file is empty", Tool.Expect(2, "profile", _temp.Write("empty.csv", string.Empty), "-o", _temp.File("a.mwp")).Stderr, StringComparison.Ordinal);

        var profile = ProfileOf(_temp.Write("header.csv", "x,y\n"), "--numeric", "x");
        Assert.Equal(0, profile.Rows);
        Assert.Equal(FeatureKind.Numeric, profile.Find("x")!.Kind);
    }

    [Fact]
    public void OverridesNamingAColumnTheFileLacks_ExitTwo()
    {
        string csv = _temp.Write("a.csv", "x,y\n1,2\n");
        Assert.Contains("--ignore: " + csv + " has no column 'z' (its columns: 'x', 'y')", Tool.Expect(2, "profile", csv, "-o", _temp.File("a.mwp"), "--ignore", "z").Stderr, StringComparison.Ordinal);
        Assert.Contains("is given to both --numeric and --categorical", Tool.Expect(2, "profile", csv, "-o", _temp.File("a.mwp"), "--numeric", "x", "--categorical", "x").Stderr, StringComparison.Ordinal);
        Assert.Contains("no column left to profile", Tool.Expect(2, "profile", csv, "-o", _temp.File("a.mwp"), "--ignore", "x,y").Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictionColumn_IsMarked_AndReportedAsPredictionDrift()
    {
        string reference = _temp.Write("ref.csv", "x,score\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"{i % 20},{i % 10 * 0.1:0.0}\n")));
        string current = _temp.Write("cur.csv", "x,score\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"{i % 20},{0.5 + (i % 10 * 0.05):0.00}\n")));
        var result = Tool.Expect(0, "compare", "-r", reference, "-c", current, "--prediction", "score", "-f", "json", "--fail-on-drift");
        var report = new ReportJson(result.Stdout);
        Assert.False(report.IsDrift);
        Assert.True(report.FeatureDrifts("prediction"));
        Assert.True(report.Feature("prediction").GetProperty("isPrediction").GetBoolean());
    }

    private Profile ProfileOf(string csv, params string[] options)
    {
        string output = _temp.File(Path.GetFileName(csv) + ".mwp");
        Tool.Expect(0, ["profile", csv, "-o", output, .. options]);
        return ProfileFile.Load(output);
    }
}

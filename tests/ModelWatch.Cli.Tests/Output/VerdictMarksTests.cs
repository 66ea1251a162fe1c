using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ModelWatch.Cli.Tests.TestSupport;

namespace ModelWatch.Cli.Tests.Output;

/// <summary>
/// The marks of the tool's table and HTML report on a small pair: only the deciding detector says
/// DRIFT or ok, PSI over 30 current rows (3 expected per decile bin) is "low count", and the report
/// is titled after its inputs.
/// </summary>
public sealed class VerdictMarksTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _reference;
    private readonly string _current;

    public VerdictMarksTests()
    {
        _reference = _temp.Write("reference.csv", Csv(Enumerable.Range(0, 100).Select(i => (double)i)));
        _current = _temp.Write("today.csv", Csv(Enumerable.Range(0, 30).Select(i => 20 + (2.5 * i))));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Table_MarksOnlyTheDecidingDetector_AndLowCountPsi()
    {
        string[] lines = Tool.Expect(0, "compare", "-r", _reference, "-c", _current).Stdout.Split('\n');
        var rows = lines
            .SkipWhile(l => !l.StartsWith("feature ", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.Trim().Length > 0)
            .Select(l => Regex.Split(l.Trim(), " {2,}"))
            .ToList();

        // x: the deciding detector first (KS below the large-sample threshold), then the others.
        Assert.Equal("x", rows[0][0]);
        Assert.Equal("ks", rows[0][2]);
        Assert.Matches("^(DRIFT|ok)$", rows[0][^1]);
        var others = rows.TakeWhile(r => r.Length < 8 || r[0] is "x" or "ks").Skip(1).ToDictionary(r => r[0], r => r[^1]);
        Assert.Equal("low count", others["psi"]);
        Assert.Equal("info", others["jensen_shannon"]);
        Assert.Equal("info", others["wasserstein"]);

        Assert.Contains(lines, l => l.StartsWith("low count: some PSI bin expects fewer than 5", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("stable", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_IsTitledAfterItsInputs_WithoutAnInventedModel()
    {
        string output = _temp.File("report.html");
        Tool.Expect(0, "report", "-r", _reference, "-c", _current, "-o", output);
        string html = File.ReadAllText(output);

        Assert.Contains("<title>Drift report: today.csv against reference.csv</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Drift report: today.csv against reference.csv</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"row\">Model</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"row\">Model version</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"row\">Version</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("dataset", html, StringComparison.Ordinal);

        // The detectors of x: one verdict badge, the others as information, each with its exactness.
        string article = Regex.Match(html, "<article id=\"feature-0\">.*?</article>", RegexOptions.Singleline).Value;
        Assert.Equal(1, Regex.Count(article, "<td><span class=\"badge (drift|stable)\">(DRIFT|ok)</span></td>"));
        Assert.Equal(3, Regex.Count(article, "<tr class=\"info\">"));
        Assert.Contains("<span class=\"info low\">low count</span>", article, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(article, "<td class=\"bound\">(exact|bounded|±[^<]+)</td>"));
    }

    [Fact]
    public void Report_ExplicitTitle_StillWins()
    {
        string output = _temp.File("titled.html");
        Tool.Expect(0, "report", "-r", _reference, "-c", _current, "-o", output, "--title", "Nightly");
        Assert.Contains("<title>Nightly</title>", File.ReadAllText(output), StringComparison.Ordinal);
    }

    private static string Csv(IEnumerable<double> values)
    {
        var csv = new StringBuilder("x\n");
        foreach (double v in values)
        {
            csv.Append(v.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }
}

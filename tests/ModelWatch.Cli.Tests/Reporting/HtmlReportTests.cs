using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Profiles;
using ModelWatch.Reporting;

namespace ModelWatch.Cli.Tests.Reporting;

/// <summary>The HTML report's structure: self-contained, no script, one chart per feature, everything from data encoded.</summary>
public sealed class HtmlReportTests : IDisposable
{
    private const string OddName = "a<b & \"c\" 'd'";
    private const string Script = "<script>alert('x')</script>";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void SeattleReport_IsSelfContained_WithAChartAndADriftRowPerFeature()
    {
        string y2012 = TestData.Subset(TestData.Seattle, _temp.Path, "2012.csv", (line, _) => line.StartsWith("2012/", StringComparison.Ordinal));
        string y2015 = TestData.Subset(TestData.Seattle, _temp.Path, "2015.csv", (line, _) => line.StartsWith("2015/", StringComparison.Ordinal));
        string output = _temp.File("report.html");
        var result = Tool.Expect(0, "report", "-r", y2012, "-c", y2015, "--ignore", "date", "-o", output);
        Assert.Empty(result.Stdout);
        Assert.Contains("dataset: DRIFT", result.Stderr, StringComparison.Ordinal);

        string html = File.ReadAllText(output);
        var page = Parse(html);
        AssertSelfContained(html, page);

        string[] features = ["precipitation", "temp_max", "temp_min", "wind", "weather"];
        Assert.Equal(features.Length, page.Descendants("svg").Count());
        var rows = DriftRows(page);
        Assert.Equal(features, rows.Select(r => r.Elements("td").First().Value));
        Assert.Equal(["DRIFT", "DRIFT"], rows.Where(r => r.Elements("td").First().Value is "temp_max" or "weather").Select(r => r.Elements("td").ElementAt(7).Value));

        // Numeric charts have 20 bins of two bars; the weather chart one pair per label.
        var charts = page.Descendants("svg").ToList();
        Assert.Equal(2 * HtmlReport.NumericBins, charts[1].Descendants("rect").Count());
        Assert.Equal(2 * 5, charts[4].Descendants("rect").Count());
        Assert.Contains("Dataset drift: DRIFT", html, StringComparison.Ordinal);
        Assert.EndsWith("; rows: reference 366, current 365", page.Descendants("p").First(p => (string?)p.Attribute("class") == "verdict drift").Value, StringComparison.Ordinal);
        Assert.Contains("<section id=\"quality\">", html, StringComparison.Ordinal);

        // Statistic, p-value and threshold cells read as StatisticFormat writes the values the JSON
        // output carries: the same text as the tool's table and the dashboard.
        var json = new ReportJson(Tool.Expect(0, "compare", "-r", y2012, "-c", y2015, "--ignore", "date", "-f", "json").Stdout);
        foreach (var (feature, detector) in new[] { ("temp_max", "ks"), ("weather", "chi_squared"), ("wind", "ks") })
        {
            var expected = json.Detector(feature, detector);
            var cells = rows.Single(r => r.Elements("td").First().Value == feature).Elements("td").Select(c => c.Value).ToList();
            Assert.Equal(detector, cells[2]);
            Assert.Equal(StatisticFormat.Statistic(expected.Statistic), cells[3]);
            Assert.Matches("^(exact|bounded|±\\d\\S*)$", cells[4]);
            Assert.Equal([StatisticFormat.PValue(expected.PValue), "p < 0.05"], cells[5..7]);
        }
    }

    [Fact]
    public void StringsFromData_AreEncoded()
    {
        string csv = _temp.Write(
            "odd.csv",
            $"\"a<b & \"\"c\"\" 'd'\",label\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"{i},\"{(i % 2 == 0 ? Script : "x&y")}\"\n")));
        string output = _temp.File("odd.html");
        Tool.Expect(0, "compare", "-r", csv, "-c", csv, "-f", "html", "-o", output, "--title", "Title <i>&</i>");

        string html = File.ReadAllText(output);
        Assert.DoesNotContain(OddName, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.Contains("a&lt;b &amp; &quot;c&quot; &#39;d&#39;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);

        // Decoded, the page gives back the data's strings exactly.
        var page = Parse(html);
        AssertSelfContained(html, page);
        Assert.Equal("Title <i>&</i>", page.Descendants("title").First().Value);
        Assert.Equal([OddName, "label"], DriftRows(page).Select(r => r.Elements("td").First().Value));
        Assert.Contains(page.Descendants("text"), t => t.Value == Script[..13] + "…");
        Assert.Contains(page.Descendants("title"), t => t.Value.Contains(Script, StringComparison.Ordinal));
    }

    [Fact]
    public void ControlCharactersInCategories_KeepThePageWellFormed_ShownAsReplacementCharacters()
    {
        // A vertical tab and U+0001 are not allowed anywhere in XML 1.0; they would land in the SVG <title>s and labels.
        string csv = _temp.Write("controls.csv", "x,c\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"{i},{(i % 2 == 0 ? "a\u000Bb" : "c\u0001d")}\n")));
        string output = _temp.File("controls.html");
        Tool.Expect(0, "report", "-r", csv, "-c", csv, "-o", output, "--title", "\u001b[31mred");

        string html = File.ReadAllText(output);
        var page = Parse(html);
        Assert.DoesNotContain(html, c => c is '\u000B' or '\u0001' or '\u001b');
        Assert.Contains(page.Descendants("text"), t => t.Value == "a\uFFFDb");
        Assert.Contains(page.Descendants("title"), t => t.Value.StartsWith("c \uFFFDd", StringComparison.Ordinal) || t.Value.Contains("c\uFFFDd", StringComparison.Ordinal));
        Assert.Equal("\uFFFD[31mred", page.Descendants("title").First().Value);
    }

    [Fact]
    public void Write_HostileTextInEveryPosition_StaysWellFormedXml()
    {
        // Every C0 and C1 control, DEL, the two non-characters, lone surrogates, and a pair the
        // chart's 13-character label cut falls inside.
        string hostile = new string([.. Enumerable.Range(0, 0xA0).Select(c => (char)c)]) + "\uFFFE\uFFFF\uD800\uDFFF";
        string[] names = ["f" + hostile, "g<&>\"'"];
        var builder = new ProfileBuilder(names, ["c" + hostile]);
        var later = new ProfileBuilder(names, ["c" + hostile]);
        string[] categories = [hostile, "123456789012😀x", "\uDBFFtail", "plain"];
        for (int i = 0; i < 400; i++)
        {
            builder.Add([i % 7, i % 5], [categories[i % categories.Length]]);
            later.Add([(i % 7) + 2, i % 5], [categories[(i / 3) % categories.Length]]);
        }

        var reference = builder.Build(ProfileKind.Reference);
        reference.ModelName = "m<&>\"' 😀"; // a model name holds no control character (refused by the comparison)
        reference.ModelVersion = "v" + hostile;
        var current = later.Build(ProfileKind.Window);
        var report = ProfileComparison.Compare(reference, current);

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        HtmlReport.Write(writer, report, reference, current, "t" + hostile);
        string html = writer.ToString();
        AssertSelfContained(html, Parse(html));
        for (int i = 0; i < html.Length; i++)
        {
            char c = html[i];
            bool pair = char.IsHighSurrogate(c) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]);
            Assert.False(
                !pair && ((c < ' ' && c is not ('\t' or '\n' or '\r')) || c is >= '\u007F' and <= '\u009F' || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF'),
                string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4} at {i}"));
            i += pair ? 1 : 0;
        }
    }

    [Fact]
    public void Write_FromTheLibrary_DrawsEmptyAndConstantColumnsToo()
    {
        var builder = new ProfileBuilder(["constant", "shifted", "empty"], ["kind"]);
        var later = new ProfileBuilder(["constant", "shifted", "empty"], ["kind"]);
        for (int i = 0; i < 1_000; i++)
        {
            builder.Add([1.0, i % 100, i < 500 ? double.NaN : i], [i % 3 == 0 ? "a" : "b"]);
            later.Add([1.0, 50 + (i % 100), double.NaN], [i % 3 == 0 ? "b" : "c"]);
        }

        var reference = builder.Build(ProfileKind.Reference);
        reference.ModelName = "m<1>";
        var current = later.Build(ProfileKind.Window);
        current.WindowStart = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var report = ProfileComparison.Compare(reference, current);

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        HtmlReport.Write(writer, report, reference, current);
        string html = writer.ToString();
        var page = Parse(html);
        AssertSelfContained(html, page);

        Assert.Equal("Drift report: m&lt;1&gt;", html[(html.IndexOf("<title>", StringComparison.Ordinal) + 7)..html.IndexOf("</title>", StringComparison.Ordinal)]);
        Assert.Equal(report.Features.Length, page.Descendants("svg").Count());
        Assert.Equal(report.Features.Length, DriftRows(page).Count);
        Assert.Contains("no value in the current data", html, StringComparison.Ordinal);
        Assert.Contains("2026-01-01 00:00:00 +00:00", html, StringComparison.Ordinal);
        Assert.Contains(page.Descendants("text"), t => t.Value == "(other)" || t.Value == "c");
    }

    [Fact]
    public void Write_RejectsNullArguments()
    {
        var profile = new ProfileBuilder(["x"]).Build();
        Assert.Throws<ArgumentNullException>(() => HtmlReport.Write(null!, null!, profile, profile));
    }

    private static XDocument Parse(string html)
    {
        // The page is well-formed XML (void elements self-closed, no character XML 1.0 refuses), so a strict parser checks its structure.
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, CheckCharacters = true });
        return XDocument.Load(reader);
    }

    private static List<XElement> DriftRows(XDocument page) =>
        [.. page.Descendants("table").Single(t => (string?)t.Attribute("class") == "drift-table").Element("tbody")!.Elements("tr")];

    private static void AssertSelfContained(string html, XDocument page)
    {
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(page.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe" or "object" or "embed");
        Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(page.Descendants().Attributes("href"), a => !a.Value.StartsWith('#'));
        Assert.Empty(page.Descendants().Attributes("src"));
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
    }
}

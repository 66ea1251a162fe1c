using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using ModelWatch.AspNetCore.Tests.Dashboard;
using ModelWatch.AspNetCore.Tests.TestSupport;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Tests.Endpoints;

/// <summary>
/// Untrusted text — model, version, feature and category names — reaches every sink of the
/// endpoints escaped for that sink: HTML and inline SVG (<c>Html.Text</c>: markup-free, printable,
/// every chart well-formed XML), JSON and problem details (the package's JSON context: ASCII,
/// HTML-sensitive and control characters as <c>\u</c> escapes). Pages and JSON are reached by
/// following the dashboard's own links over real HTTP.
/// </summary>
public sealed partial class UntrustedTextTests
{
    private const string Model = "<m onclick=x>&\"' 😀/..";
    private const string Version = "<v>&'\"";
    private static readonly string[] Numeric = ["<f onmouseover=alert(1)>", "f&amp;\"'"];
    private const string Categorical = "<c>'\"";

    /// <summary>Categories logged at run time, where nothing can refuse them: markup, terminal escapes, C0 and C1 controls, noncharacters, a lone surrogate.</summary>
    private static readonly string[] Categories =
    [
        "<i onmouseover=alert(1)>x</i>", "esc\u001b[2J\u001b]0;title\u0007", "nul\0", "tab\tline\nbreak", "c1\u0085\u009b",
        "non\uFFFE\uFFFF", "lone\uD800", "😀 模型", new string('w', 40),
    ];

    [Fact]
    public async Task EverySink_HostileNamesAndCategories_AreEscapedForIt()
    {
        await using var t = await TestApp.StartKestrelAsync(
            w => w.AddModel(Model, m => m
                .Version(Version)
                .Numeric(Numeric)
                .Categorical(Categorical)
                .Reference(Reference())
                .WindowByCount(TestModels.WindowSize)),
            app => app.MapModelWatch("/mw"));
        var monitor = t.Watch.GetMonitor(Model);
        for (int i = 0; i < TestModels.WindowSize; i++)
        {
            monitor.Log([i % 7, 3 + (i % 5)], [Categories[i % Categories.Length]], i % 3);
        }

        await t.Watch.EvaluateAsync();

        string list = await t.Client.GetStringAsync("/mw");
        string page = await t.Client.GetStringAsync(Href(list, "&lt;m onclick"));
        string latest = await t.Client.GetStringAsync(Href(page, "this model"));
        string history = await t.Client.GetStringAsync(Href(page, "its history"));
        using var unknown = await t.Client.GetAsync("/mw/" + Uri.EscapeDataString(Model + "\u001b<x>"));
        string unknownPage = await unknown.Content.ReadAsStringAsync();
        using var problem = await t.Client.GetAsync("/mw/api/models/" + Uri.EscapeDataString(Model + "\u001b<x>"));
        string problemJson = await problem.Content.ReadAsStringAsync();

        foreach (string html in new[] { list, page, unknownPage })
        {
            AssertEscapedHtml(html);
        }

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains(Svgs(page), svg => svg.Contains("aria-label=\"Reference and current distribution of &lt;c&gt;", StringComparison.Ordinal));
        Assert.Contains("&lt;i onmouseover=alert(1)&gt;x&lt;/i&gt;", page, StringComparison.Ordinal);
        Assert.Contains("esc\uFFFD[2J", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        foreach (string json in new[] { latest, history, problemJson })
        {
            AssertEscapedJson(json);
        }

        var drift = JsonDocument.Parse(latest).RootElement;
        Assert.Equal(Model, drift.GetProperty("name").GetString());
        Assert.Equal(Version, drift.GetProperty("currentVersion").GetString());
        var features = drift.GetProperty("drift").GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(Numeric.Append(Categorical).Append("prediction").Order(StringComparer.Ordinal), features.Keys.Order(StringComparer.Ordinal));
        string[] shown = [.. features[Categorical].GetProperty("categories").EnumerateArray().Select(c => c.GetString()!)];
        Assert.Subset(shown.ToHashSet(), Categories.Select(c => c.Replace("\uD800", "\uFFFD", StringComparison.Ordinal)).ToHashSet());
        Assert.Contains($"'{Model}\u001b<x>'", JsonDocument.Parse(problemJson).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static void AssertEscapedHtml(string html)
    {
        Assert.Null(HtmlTests.Unprintable(html));
        foreach (string tag in new[] { "<m ", "<f ", "<c>", "<v>", "<i ", "<x>", "<script" })
        {
            Assert.DoesNotContain(tag, html, StringComparison.Ordinal);
        }

        foreach (string svg in Svgs(html))
        {
            var document = new XmlDocument();
            document.LoadXml(svg); // throws on a document that is not well-formed
        }
    }

    /// <summary>JSON as the package writes it: ASCII only, nothing HTML or a terminal would read, and it parses.</summary>
    private static void AssertEscapedJson(string json)
    {
        Assert.All(json, c => Assert.InRange(c, ' ', '~'));
        Assert.True(json.IndexOfAny(['<', '>', '&', '\'']) < 0, json);
        using var _ = JsonDocument.Parse(json);
    }

    /// <summary>The target of a page's first link whose text starts with <paramref name="text"/> (as written in the HTML), decoded from HTML.</summary>
    private static string Href(string html, string text)
    {
        var link = Regex.Match(html, $"<a href=\"([^\"]*)\">{Regex.Escape(text)}");
        Assert.True(link.Success, $"no link {text}");
        return System.Net.WebUtility.HtmlDecode(link.Groups[1].Value);
    }

    private static IEnumerable<string> Svgs(string html) => SvgElement().Matches(html).Select(m => m.Value);

    private static ReferenceProfile Reference()
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(Numeric, [Categorical]));
        for (int i = 0; i < 400; i++)
        {
            builder.Add([i % 10, i % 4], [Categories[i % Categories.Length]], i % 3);
        }

        return builder.Build();
    }

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex SvgElement();
}

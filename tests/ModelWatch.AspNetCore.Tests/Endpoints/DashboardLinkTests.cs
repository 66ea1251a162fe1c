using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using ModelWatch.AspNetCore.Tests.TestSupport;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Tests.Endpoints;

/// <summary>
/// Every name a model can be registered under is reachable by following the dashboard's own links
/// over real HTTP (Kestrel on 127.0.0.1): the client and the server each normalise and decode the
/// path, so only the wire shows whether a link survives.
/// </summary>
public sealed partial class DashboardLinkTests
{
    /// <summary>Names of every awkward kind: path separators, dot segments, percent signs, spaces, non-ASCII, URL delimiters, route words.</summary>
    public static readonly string[] AwkwardNames =
    [
        "team/fraud", "team%2Ffraud", "team%2ffraud", "/", "a/b/c", "a\\b",
        ".", "..", "...", "./x", "../x", "x/..", "%2E%2E", "a.",
        "%", "50%", "%25", "%252F", "a%41", "aA", "%zz",
        "my model", " padded ", "a+b",
        "café", "模型", "😀 emoji",
        "?", "#", "what?x=1", "a#b", "a;b=c", "a:b", "~user", "@",
        "api", "api/models", "history",
        "<b>&'\"",
    ];

    [Fact]
    public async Task ListPageLinks_AwkwardNames_ReachEveryModelsPageAndItsJson()
    {
        await using var t = await TestApp.StartKestrelAsync(
            w =>
            {
                foreach (string name in AwkwardNames)
                {
                    w.AddNumericModel(name, "x");
                }
            },
            app => app.MapModelWatch("/mw"));

        string list = await t.Client.GetStringAsync("/mw");
        var links = ModelLinks(list);
        Assert.Equal(AwkwardNames.Order(StringComparer.Ordinal), links.Keys.Order(StringComparer.Ordinal));

        var failures = new List<string>();
        foreach (var (name, href) in links)
        {
            failures.AddRange(await FollowAsync(t.Client, name, href));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// The longest names the registration accepts (<see cref="ModelNames.MaxLength"/>), of the
    /// characters whose URL encoding is longest, fit the server's request-line limit on every route.
    /// </summary>
    [Fact]
    public async Task ListPageLinks_LongestNamesOfWidestCharacters_ReachTheirPagesAndJson()
    {
        string[] names =
        [
            new string('語', ModelNames.MaxLength),
            new string('%', ModelNames.MaxLength),
            new string('/', ModelNames.MaxLength),
            string.Concat(Enumerable.Repeat("😀", ModelNames.MaxLength / 2)),
        ];
        await using var t = await TestApp.StartKestrelAsync(
            w =>
            {
                foreach (string name in names)
                {
                    w.AddNumericModel(name, "x");
                }
            },
            app => app.MapModelWatch("/modelwatch"));

        var links = ModelLinks(await t.Client.GetStringAsync("/modelwatch"));
        var failures = new List<string>();
        foreach (var (name, href) in links)
        {
            failures.AddRange(await FollowAsync(t.Client, name, href));
        }

        Assert.Equal(names.Order(StringComparer.Ordinal), links.Keys.Order(StringComparer.Ordinal));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Follows a model's link from the list page, then the model page's links to its JSON; returns what went wrong.</summary>
    private static async Task<List<string>> FollowAsync(HttpClient client, string name, string href)
    {
        var failures = new List<string>();
        using var page = await client.GetAsync(href);
        string html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK || Heading(html) != name)
        {
            failures.Add($"{Show(name)}: page {href} answered {(int)page.StatusCode} for {Show(Heading(html))}");
            return failures;
        }

        foreach (string text in new[] { "this model", "its history" })
        {
            var link = Regex.Match(html, $"<a href=\"([^\"]*)\">{text}</a>");
            if (!link.Success)
            {
                failures.Add($"{Show(name)}: the page has no link to {text}");
                continue;
            }

            string jsonHref = WebUtility.HtmlDecode(link.Groups[1].Value);
            using var json = await client.GetAsync(jsonHref);
            string body = await json.Content.ReadAsStringAsync();
            string? served = json.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(body).RootElement.GetProperty("name").GetString() : null;
            if (served != name)
            {
                failures.Add($"{Show(name)}: {text} {jsonHref} answered {(int)json.StatusCode} for {Show(served)}");
            }
        }

        return failures;
    }

    /// <summary>The list page's model links by model name (decoded from each row's <c>data-model</c>).</summary>
    private static Dictionary<string, string> ModelLinks(string html) =>
        ModelRow().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["href"].Value), StringComparer.Ordinal);

    /// <summary>The model name a page's heading shows (the text before its version).</summary>
    private static string? Heading(string html) =>
        Regex.Match(html, "<h1>(.*?) <span class=\"muted\">version", RegexOptions.Singleline) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static string Show(string? name) => name is null ? "(none)" : JsonSerializer.Serialize(name);

    [GeneratedRegex("<tr data-model=\"(?<name>[^\"]*)\"[^>]*><td><a href=\"(?<href>[^\"]*)\">")]
    private static partial Regex ModelRow();
}

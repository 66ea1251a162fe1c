using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using ModelWatch.AspNetCore.Tests.TestSupport;

namespace ModelWatch.AspNetCore.Tests.Dashboard;

/// <summary>The dashboard's model list: pages of 50, counts over every model, a search form that works without script, and escaping.</summary>
public sealed partial class ModelListPageTests
{
    private static Task<TestApp> StartAsync(Action<ModelWatch.DependencyInjection.IModelWatchBuilder> models) =>
        TestApp.StartAsync(models, app => app.MapModelWatch("/modelwatch"));

    private static IEnumerable<string> Sixty => Enumerable.Range(0, 60).Select(i => $"store-{i:D3}");

    private static string[] Rows(string html) => [.. RowPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    private static string? Link(string html, string rel) =>
        Regex.Match(html, $"<a rel=\"{rel}\" href=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static async Task<string> GetPageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task ListPage_SixtyModels_ShowsFiftyRowsTheCountsAndANextLink()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(Sixty));

        string html = await GetPageAsync(t.Client, "/modelwatch");

        Assert.Equal(Sixty.Take(50), Rows(html));
        Assert.Contains("<p id=\"summary\" data-models=\"60\" data-alerting=\"0\" data-drifting=\"0\" data-no-data=\"60\"><strong>60</strong> models: ", html, StringComparison.Ordinal);
        Assert.Contains("<p id=\"rows\">Models 1–50 of 60.</p>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal("/modelwatch?after=store-049", Link(html, "next"));
        Assert.Null(Link(html, "prev"));
        Assert.Contains("href=\"/modelwatch/api/models?limit=50\">this page</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPage_NextThenPrevious_WalksThePagesBackToTheFirst()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(Sixty));

        string second = await GetPageAsync(t.Client, "/modelwatch?after=store-049");
        string first = await GetPageAsync(t.Client, Link(second, "prev")!);

        Assert.Equal(Sixty.Skip(50), Rows(second));
        Assert.Contains("Models 51–60 of 60.", WebUtility.HtmlDecode(second), StringComparison.Ordinal);
        Assert.Null(Link(second, "next"));
        Assert.Equal("/modelwatch", Link(second, "first"));
        Assert.Equal("/modelwatch?before=store-050", Link(second, "prev"));
        Assert.Equal(Sixty.Take(50), Rows(first));
        Assert.Contains("href=\"/modelwatch/api/models?limit=50&amp;after=store-049\">this page</a>", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPage_SearchAndLimit_AreKeptInThePageLinksAndTheForm()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(Sixty.Append("warehouse-1")));

        string html = await GetPageAsync(t.Client, "/modelwatch?q=STORE-0&limit=20");

        Assert.Equal(Sixty.Take(20), Rows(html));
        Assert.Contains("Models 1–20 of 60 matching.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal("/modelwatch?q=STORE-0&limit=20&after=store-019", Link(html, "next"));
        Assert.Contains("<form method=\"get\" role=\"search\" class=\"search\" action=\"/modelwatch\">", html, StringComparison.Ordinal);
        Assert.Contains("name=\"q\" maxlength=\"256\" value=\"STORE-0\"", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"limit\" value=\"20\">", html, StringComparison.Ordinal);
        Assert.Contains("data-models=\"61\"", html, StringComparison.Ordinal); // the counts cover every model, not only the matches
    }

    [Fact]
    public async Task ListPage_AlertingModelBeyondTheFirstPage_IsCountedAndListedByTheAlertingLink()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(Sixty).AddNumericModel("zz-fraud", "amount", "age"));
        TestModels.LogRows(t.Watch.GetMonitor("zz-fraud"), TestModels.WindowSize, shift: 3, seed: 2);
        await t.Watch.EvaluateAsync();

        string first = await GetPageAsync(t.Client, "/modelwatch");
        string alertingLink = WebUtility.HtmlDecode(Regex.Match(first, "<a class=\"badge alert\" href=\"([^\"]+)\">1 alerting</a>").Groups[1].Value);
        string alerting = await GetPageAsync(t.Client, alertingLink);

        Assert.DoesNotContain("zz-fraud", Rows(first));
        Assert.Contains("data-alerting=\"1\" data-drifting=\"1\"", first, StringComparison.Ordinal);
        Assert.Equal("/modelwatch?status=alerting", alertingLink);
        Assert.Equal(["zz-fraud"], Rows(alerting));
        Assert.Contains("<option selected>alerting</option>", alerting, StringComparison.Ordinal);
        Assert.Contains("Models 1–1 of 1 matching.", WebUtility.HtmlDecode(alerting), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPage_SearchTermWithMarkup_IsEscapedEverywhereItAppears()
    {
        const string term = "\"><script>alert(1)</script><a x='";
        await using var t = await StartAsync(w => w.AddSmallModels(["plain", term + "model"]));

        string html = await GetPageAsync(t.Client, "/modelwatch?q=" + Uri.EscapeDataString(term) + "&limit=1");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("x='", html, StringComparison.Ordinal);
        Assert.Equal([term + "model"], Rows(html));
        string value = Regex.Match(html, "name=\"q\" maxlength=\"256\" value=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(term, WebUtility.HtmlDecode(value));
        Assert.Contains("No model matches.", await GetPageAsync(t.Client, "/modelwatch?q=%3Cnothing%3E"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPage_InvalidQuery_Answers400PageWithTheEscapedReason()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(Sixty));

        using var response = await t.Client.GetAsync("/modelwatch?status=" + Uri.EscapeDataString("<b>bold</b>"));
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("status must be one of alerting, drifting, qualityAlert, driftAlert, drift, stable, noData; got '<b>bold</b>'.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPage_NoModels_SaysSoWithoutPager()
    {
        await using var t = await StartAsync(_ => { });

        string html = await GetPageAsync(t.Client, "/modelwatch");

        Assert.Contains("No model is monitored.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"pager\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr data-model=\"([^\"]*)\"")]
    private static partial Regex RowPattern();
}

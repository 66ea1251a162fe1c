using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using ModelWatch.AspNetCore.Tests.TestSupport;

namespace ModelWatch.AspNetCore.Tests.Endpoints;

/// <summary><c>GET /api/models</c> in pages: limit, name cursors in both directions, search, status filter, totals and the Link header.</summary>
public sealed class ModelListPagingTests
{
    // Registered out of order: pages list models by ordinal name whatever the registration order.
    private static readonly string[] TwentyFive = [.. Enumerable.Range(0, 25).Select(i => $"m{i * 7 % 25:D2}")];

    private static Task<TestApp> StartAsync(Action<ModelWatch.DependencyInjection.IModelWatchBuilder> models) =>
        TestApp.StartAsync(models, app => app.MapModelWatch("/modelwatch"));

    private static async Task<(JsonElement Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), response);
    }

    private static string[] Names(JsonElement body) => [.. body.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()!)];

    private static string? Next(JsonElement body) => body.GetProperty("next").GetString();

    private static string? Previous(JsonElement body) => body.GetProperty("previous").GetString();

    private static string[] Range(int from, int to) => [.. Enumerable.Range(from, to - from).Select(i => $"m{i:D2}")];

    [Fact]
    public async Task ApiModels_FirstPage_HoldsLimitModelsInNameOrderWithNextLinkAndTotal()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(TwentyFive));

        var (body, response) = await GetAsync(t.Client, "/modelwatch/api/models?limit=10");

        Assert.Equal(Range(0, 10), Names(body));
        Assert.Equal(25, body.GetProperty("total").GetInt32());
        Assert.Equal("25", Assert.Single(response.Headers.GetValues("X-Total-Count")));
        Assert.Equal("/modelwatch/api/models?limit=10&after=m09", Next(body));
        Assert.Null(Previous(body));
        Assert.Equal("</modelwatch/api/models?limit=10&after=m09>; rel=\"next\"", Assert.Single(response.Headers.GetValues("Link")));
        var summary = body.GetProperty("summary");
        Assert.Equal(25, summary.GetProperty("models").GetInt32());
        Assert.Equal(0, summary.GetProperty("alerting").GetInt32());
        Assert.Equal(25, summary.GetProperty("noData").GetInt32());
    }

    [Fact]
    public async Task ApiModels_WithoutLimit_AnswersOneHundredModels()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(Enumerable.Range(0, 150).Select(i => $"model-{i:D3}")));

        var (body, response) = await GetAsync(t.Client, "/modelwatch/api/models");

        Assert.Equal(100, Names(body).Length);
        Assert.Equal("model-099", Names(body)[^1]);
        Assert.Equal("/modelwatch/api/models?after=model-099", Next(body));
        Assert.Equal("150", Assert.Single(response.Headers.GetValues("X-Total-Count")));
    }

    [Fact]
    public async Task ApiModels_FollowingNextLinks_VisitsEveryModelOnceThenEndsWithPreviousOnly()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(TwentyFive));

        var seen = new List<string>();
        string? url = "/modelwatch/api/models?limit=10";
        JsonElement last = default;
        HttpResponseMessage? lastResponse = null;
        while (url is not null)
        {
            (last, lastResponse) = await GetAsync(t.Client, url);
            seen.AddRange(Names(last));
            url = Next(last);
        }

        Assert.Equal(Range(0, 25), seen);
        Assert.Equal(Range(20, 25), Names(last));
        Assert.Equal("/modelwatch/api/models?limit=10&before=m20", Previous(last));
        Assert.Equal("</modelwatch/api/models?limit=10&before=m20>; rel=\"prev\"", Assert.Single(lastResponse!.Headers.GetValues("Link")));
    }

    [Fact]
    public async Task ApiModels_PreviousLink_AnswersThePageBeforeWithBothLinks()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(TwentyFive));

        var (third, _) = await GetAsync(t.Client, "/modelwatch/api/models?limit=10&after=m19");
        var (second, response) = await GetAsync(t.Client, Previous(third)!);

        Assert.Equal(Range(10, 20), Names(second));
        Assert.Equal("/modelwatch/api/models?limit=10&after=m19", Next(second));
        Assert.Equal("/modelwatch/api/models?limit=10&before=m10", Previous(second));
        Assert.Equal(
            "</modelwatch/api/models?limit=10&after=m19>; rel=\"next\", </modelwatch/api/models?limit=10&before=m10>; rel=\"prev\"",
            Assert.Single(response.Headers.GetValues("Link")));
        var (first, _) = await GetAsync(t.Client, Previous(second)!);
        Assert.Equal(Range(0, 10), Names(first));
        Assert.Null(Previous(first));
    }

    [Fact]
    public async Task ApiModels_ModelsAddedBetweenPages_NextPageStartsAfterTheCursor()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(TwentyFive));
        var (first, _) = await GetAsync(t.Client, "/modelwatch/api/models?limit=10");

        // One model sorts into the page already read, one into the next: neither shifts the next page's start.
        t.Watch.AddModel("m03a", TestModels.SmallModel);
        t.Watch.AddModel("m12a", TestModels.SmallModel);
        var (second, _) = await GetAsync(t.Client, Next(first)!);

        Assert.Equal(["m10", "m11", "m12", "m12a", "m13", "m14", "m15", "m16", "m17", "m18"], Names(second));
        Assert.Empty(Names(first).Intersect(Names(second)));
        Assert.Equal(27, second.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ApiModels_CursorOfNoModel_StartsAfterItsPlaceInNameOrder()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(TwentyFive));

        var (after, _) = await GetAsync(t.Client, "/modelwatch/api/models?limit=3&after=m05x");
        var (past, _) = await GetAsync(t.Client, "/modelwatch/api/models?limit=3&after=zzz");

        Assert.Equal(["m06", "m07", "m08"], Names(after));
        Assert.Empty(Names(past));
        Assert.Null(Next(past));
        Assert.Equal("/modelwatch/api/models?limit=3&after=m21", Previous(past)); // the last page: m22, m23, m24
    }

    [Fact]
    public async Task ApiModels_Search_MatchesNameSubstringIgnoringCase()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(["team/fraud", "Fraud-EU", "churn", "fraudulent", "payments"]));

        var (body, response) = await GetAsync(t.Client, "/modelwatch/api/models?q=FRAUD&limit=2");

        Assert.Equal(["Fraud-EU", "fraudulent"], Names(body));
        Assert.Equal(3, body.GetProperty("total").GetInt32());
        Assert.Equal(5, body.GetProperty("summary").GetProperty("models").GetInt32());
        Assert.Equal("/modelwatch/api/models?q=FRAUD&limit=2&after=fraudulent", Next(body));
        var (rest, _) = await GetAsync(t.Client, Next(body)!);
        Assert.Equal(["team/fraud"], Names(rest));
    }

    [Fact]
    public async Task ApiModels_SearchWithReservedCharacters_KeepsItEncodedInTheLinks()
    {
        string[] names = ["a b&c=1", "a b&c=2", "a b&c=3", "other"];
        await using var t = await StartAsync(w => w.AddSmallModels(names));

        var (body, response) = await GetAsync(t.Client, "/modelwatch/api/models?q=" + Uri.EscapeDataString("B&C") + "&limit=1");
        string next = Next(body)!;
        var (second, _) = await GetAsync(t.Client, next);

        Assert.Equal(["a b&c=1"], Names(body));
        Assert.Equal("/modelwatch/api/models?q=B%26C&limit=1&after=a%20b%26c%3D1", next);
        Assert.Equal(["a b&c=2"], Names(second));
        Assert.Equal(3, second.GetProperty("total").GetInt32());
        Assert.Matches("^<[^<>]+>; rel=\"next\"$", Assert.Single(response.Headers.GetValues("Link")));
    }

    [Fact]
    public async Task ApiModels_StatusAlerting_ListsOnlyModelsWithAnActiveAlert()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(TwentyFive).AddNumericModel("zz-fraud", "amount", "age"));
        var fraud = t.Watch.GetMonitor("zz-fraud");
        TestModels.LogRows(fraud, TestModels.WindowSize, shift: 3, seed: 2);
        TestModels.LogRows(t.Watch.GetMonitor("m07"), TestModels.WindowSize, shift: 0, seed: 3);
        await t.Watch.EvaluateAsync();

        var (alerting, _) = await GetAsync(t.Client, "/modelwatch/api/models?status=alerting&limit=5");
        var (stable, _) = await GetAsync(t.Client, "/modelwatch/api/models?status=Stable");
        var (noData, _) = await GetAsync(t.Client, "/modelwatch/api/models?status=noData&q=m0");

        Assert.Equal(["zz-fraud"], Names(alerting));
        Assert.Equal(1, alerting.GetProperty("total").GetInt32());
        Assert.Equal("driftAlert", alerting.GetProperty("models")[0].GetProperty("status").GetString());
        var summary = alerting.GetProperty("summary");
        Assert.Equal(26, summary.GetProperty("models").GetInt32());
        Assert.Equal(1, summary.GetProperty("alerting").GetInt32());
        Assert.Equal(1, summary.GetProperty("drifting").GetInt32());
        Assert.Equal(24, summary.GetProperty("noData").GetInt32());
        Assert.Equal(["m07"], Names(stable));
        Assert.Equal(9, Names(noData).Length); // m00–m09 but m07
    }

    [Theory]
    [InlineData("limit=0", "limit must be a whole number from 1 to 1000; got '0'.")]
    [InlineData("limit=1001", "limit must be a whole number from 1 to 1000; got '1001'.")]
    [InlineData("limit=-5", "limit must be a whole number from 1 to 1000; got '-5'.")]
    [InlineData("limit=ten", "limit must be a whole number from 1 to 1000; got 'ten'.")]
    [InlineData("limit=1e2", "limit must be a whole number from 1 to 1000; got '1e2'.")]
    [InlineData("limit=10&limit=20", "limit is given more than once.")]
    [InlineData("after=m01&before=m05", "Give after (the next pages) or before (the previous pages), not both.")]
    [InlineData("status=broken", "status must be one of alerting, drifting, qualityAlert, driftAlert, drift, stable, noData; got 'broken'.")]
    [InlineData("q=LONG", "q is longer than 256 characters (the longest model name).")]
    public async Task ApiModels_InvalidQuery_AnswersProblem400(string query, string detail)
    {
        await using var t = await StartAsync(w => w.AddSmallModels(TwentyFive));

        using var response = await t.Client.GetAsync("/modelwatch/api/models?" + query.Replace("LONG", new string('x', 257), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("Invalid query", problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ApiModels_EmptyParameters_CountAsAbsent()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(TwentyFive));

        var (body, _) = await GetAsync(t.Client, "/modelwatch/api/models?q=&status=&limit=&after=");

        Assert.Equal(Range(0, 25), Names(body));
        Assert.Null(Next(body));
    }

    [Fact]
    public async Task ApiModels_ValueEchoedInAnError_IsCutShortAndEscaped()
    {
        await using var t = await StartAsync(w => w.AddSmallModels(TwentyFive));

        using var response = await t.Client.GetAsync("/modelwatch/api/models?status=" + Uri.EscapeDataString("<script>" + new string('a', 100)));
        string raw = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        string detail = JsonDocument.Parse(raw).RootElement.GetProperty("detail").GetString()!;
        Assert.EndsWith("got '<script>" + new string('a', 32) + "…'.", detail, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(raw, @"\\u003Cscript\\u003E"), raw);
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using ModelWatch.AspNetCore.Tests.TestSupport;

namespace ModelWatch.AspNetCore.Tests.Endpoints;

/// <summary><c>GET /api/models/{model}/history</c> in pages of closed windows, placed by their last sub-window.</summary>
public sealed class HistoryPagingTests
{
    private const int Windows = 12;

    /// <summary>A model keeping 50 windows of history, with <see cref="Windows"/> closed count windows.</summary>
    private static async Task<TestApp> StartAsync()
    {
        var t = await TestApp.StartAsync(
            w => w.AddModel("fraud", m => TestModels.SmallModel(m.Configure(o => o.Window.HistoryWindows = 50))),
            app => app.MapModelWatch("/modelwatch"));
        TestModels.LogRows(t.Watch.GetMonitor("fraud"), Windows * TestModels.WindowSize, shift: 0, seed: 1);
        await t.Watch.EvaluateAsync();
        return t;
    }

    private static async Task<(JsonElement Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), response);
    }

    private static long[] LastSubWindows(JsonElement body) => [.. body.GetProperty("drift").EnumerateArray().Select(r => r.GetProperty("lastSubWindow").GetInt64())];

    [Fact]
    public async Task ApiHistory_WithoutLimit_AnswersEveryWindowUpToOneHundred()
    {
        await using var t = await StartAsync();

        var (body, response) = await GetAsync(t.Client, "/modelwatch/api/models/fraud/history");

        Assert.Equal(Windows, body.GetProperty("drift").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("previous").ValueKind);
        Assert.False(response.Headers.Contains("Link"));
    }

    [Fact]
    public async Task ApiHistory_Limit_PagesOldestFirstThroughNextLinksAndBackThroughPrevious()
    {
        await using var t = await StartAsync();
        var all = t.Watch.GetHistory("fraud").Select(r => r.LastSubWindow).ToArray();

        var (first, response) = await GetAsync(t.Client, "/modelwatch/api/models/fraud/history?limit=5");
        var seen = new List<long>(LastSubWindows(first));
        var page = first;
        while (page.GetProperty("next").GetString() is { } next)
        {
            (page, _) = await GetAsync(t.Client, next);
            seen.AddRange(LastSubWindows(page));
        }

        var (back, _) = await GetAsync(t.Client, page.GetProperty("previous").GetString()!);

        Assert.Equal(all, seen);
        Assert.Equal(all[..5], LastSubWindows(first));
        Assert.Equal($"/modelwatch/api/models/fraud/history?limit=5&after={all[4]}", first.GetProperty("next").GetString());
        Assert.Equal($"</modelwatch/api/models/fraud/history?limit=5&after={all[4]}>; rel=\"next\"", Assert.Single(response.Headers.GetValues("Link")));
        Assert.Equal(all[10..], LastSubWindows(page));
        Assert.Equal(all[5..10], LastSubWindows(back));
        Assert.Empty(first.GetProperty("quality").EnumerateArray());
    }

    [Fact]
    public async Task ApiHistory_NewWindowsClosingBetweenPages_DoNotShiftTheNextPage()
    {
        await using var t = await StartAsync();
        var (first, _) = await GetAsync(t.Client, "/modelwatch/api/models/fraud/history?limit=5");

        TestModels.LogRows(t.Watch.GetMonitor("fraud"), 3 * TestModels.WindowSize, shift: 0, seed: 2);
        await t.Watch.EvaluateAsync();
        var (second, _) = await GetAsync(t.Client, first.GetProperty("next").GetString()!);

        var all = t.Watch.GetHistory("fraud").Select(r => r.LastSubWindow).ToArray();
        Assert.Equal(Windows + 3, all.Length);
        Assert.Equal(all[5..10], LastSubWindows(second));
    }

    [Fact]
    public async Task ApiSegmentHistory_Limit_PagesTheSegmentsWindows()
    {
        await using var t = await TestApp.StartAsync(
            w => w.AddModel("shop", m => TestModels.SmallModel(m.SegmentByKey().Configure(o =>
            {
                o.Segments.ReferenceSize = 0;
                o.Segments.MinPredictions = 10;
            }))),
            app => app.MapModelWatch("/modelwatch"));
        var shop = t.Watch.GetMonitor("shop");
        var random = new Random(3);
        for (int i = 0; i < 5 * TestModels.WindowSize; i++)
        {
            shop.Log(new ModelWatch.Monitoring.PredictionEntry { Features = [random.NextDouble()], Value = 0.5, Segment = i % 2 == 0 ? "eu" : "us" });
        }

        await t.Watch.EvaluateAsync();

        var (first, response) = await GetAsync(t.Client, "/modelwatch/api/models/shop/segments/eu/history?limit=2");
        var (second, _) = await GetAsync(t.Client, first.GetProperty("next").GetString()!);
        var (third, _) = await GetAsync(t.Client, second.GetProperty("next").GetString()!);

        long[] Windows(JsonElement body) => [.. body.GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("lastSubWindow").GetInt64())];
        var all = t.Watch.GetSegmentHistory("shop", "eu").Select(r => r.Report.LastSubWindow).ToArray();
        Assert.Equal(5, all.Length);
        Assert.Equal(all, Windows(first).Concat(Windows(second)).Concat(Windows(third)));
        Assert.Equal(2, Windows(first).Length);
        Assert.Equal(JsonValueKind.Null, third.GetProperty("next").ValueKind);
        Assert.StartsWith("</modelwatch/api/models/shop/segments/eu/history?limit=2&after=", Assert.Single(response.Headers.GetValues("Link")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limit=0", "limit must be a whole number from 1 to 1000; got '0'.")]
    [InlineData("after=two", "after must be a sub-window number (a whole number, as in a report's lastSubWindow); got 'two'.")]
    [InlineData("before=1.5", "before must be a sub-window number (a whole number, as in a report's lastSubWindow); got '1.5'.")]
    [InlineData("after=1&before=5", "Give after (the next pages) or before (the previous pages), not both.")]
    [InlineData("after=1&after=2", "after is given more than once.")]
    public async Task ApiHistory_InvalidQuery_AnswersProblem400(string query, string detail)
    {
        await using var t = await StartAsync();

        foreach (string path in new[] { "/modelwatch/api/models/fraud/history?", "/modelwatch/api/models/shop/segments/eu/history?" })
        {
            using var response = await t.Client.GetAsync(path + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(detail, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        }
    }
}

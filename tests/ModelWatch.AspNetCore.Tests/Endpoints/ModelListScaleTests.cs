using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ModelWatch.AspNetCore.Endpoints;
using ModelWatch.AspNetCore.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.AspNetCore.Tests.Endpoints;

/// <summary>
/// The model list with 10,000 per-entity models: a request answers one page, and its cost is one pass
/// over the registry. Times are written to the test output, never asserted; allocations are.
/// </summary>
public sealed class ModelListScaleTests(ITestOutputHelper output)
{
    private const int Models = 10_000;

    private static IEnumerable<string> Entities => Enumerable.Range(0, Models).Select(i => $"entity-{i:D5}");

    [Fact]
    public async Task ApiModels_TenThousandModels_AnswersOnePageWithTotalsFromOnePass()
    {
        long started = Stopwatch.GetTimestamp();
        await using var t = await TestApp.StartAsync(w => w.AddSmallModels(Entities), app => app.MapModelWatch("/modelwatch"));
        output.WriteLine($"start-up with {Models:N0} models: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:N0} ms");
        TestModels.LogRows(t.Watch.GetMonitor("entity-09999"), TestModels.WindowSize, shift: 5, seed: 1);
        await t.Watch.EvaluateAsync();

        // Warm-up (JIT), then one measured request of each kind.
        await t.Client.GetStringAsync("/modelwatch/api/models");
        await t.Client.GetStringAsync("/modelwatch");
        var (json, jsonTime, jsonBytes) = await MeasureAsync(t.Client, "/modelwatch/api/models?after=entity-04999");
        var (html, htmlTime, htmlBytes) = await MeasureAsync(t.Client, "/modelwatch?q=ENTITY-07&status=noData");
        var (drifting, searchTime, searchBytes) = await MeasureAsync(t.Client, "/modelwatch/api/models?status=drifting");

        var body = JsonDocument.Parse(json).RootElement;
        Assert.Equal(100, body.GetProperty("models").GetArrayLength());
        Assert.Equal("entity-05000", body.GetProperty("models")[0].GetProperty("name").GetString());
        Assert.Equal(Models, body.GetProperty("total").GetInt32());
        Assert.Equal(1, body.GetProperty("summary").GetProperty("drifting").GetInt32());
        Assert.Equal("entity-09999", JsonDocument.Parse(drifting).RootElement.GetProperty("models")[0].GetProperty("name").GetString());
        Assert.Equal(50, html.Split("<tr data-model=").Length - 1);
        Assert.Contains("Models 1–50 of 1,000 matching.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        // Reading the page in process, best of five: its allocations beside those of the registry read (IModelWatch.Models) it starts with.
        var query = Query("limit=100&after=entity-04999");
        ModelListPage page = ModelListPage.Read(t.Watch, query);
        var (readTime, readBytes) = BestOfFive(() => page = ModelListPage.Read(t.Watch, query));
        var (modelsTime, modelsBytes) = BestOfFive(() => _ = t.Watch.Models);

        output.WriteLine($"GET /api/models, one page of 100 at {Models:N0} models: {jsonTime.TotalMilliseconds:N1} ms, {jsonBytes / 1024.0:N0} KiB allocated (all threads), {json.Length:N0} characters");
        output.WriteLine($"GET dashboard, search + status, page of 50: {htmlTime.TotalMilliseconds:N1} ms, {htmlBytes / 1024.0:N0} KiB allocated, {html.Length:N0} characters");
        output.WriteLine($"GET /api/models?status=drifting (1 match): {searchTime.TotalMilliseconds:N1} ms, {searchBytes / 1024.0:N0} KiB allocated");
        output.WriteLine($"ModelListPage.Read in process: {readTime.TotalMilliseconds:N1} ms, {readBytes / 1024.0:N0} KiB allocated; of which IModelWatch.Models: {modelsTime.TotalMilliseconds:N1} ms, {modelsBytes / 1024.0:N0} KiB");
        Assert.Equal(100, page.Models.Count);

        // One pass, not one per model: the page's own allocations stay within a few registry-sized arrays
        // (a quadratic read, one Models call per model, would allocate gigabytes here).
        Assert.InRange(readBytes, 0, modelsBytes + (2L << 20));
    }

    private static (TimeSpan Time, long Allocated) BestOfFive(Action read)
    {
        var best = (Time: TimeSpan.MaxValue, Allocated: long.MaxValue);
        for (int i = 0; i < 5; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long started = Stopwatch.GetTimestamp();
            read();
            var time = Stopwatch.GetElapsedTime(started);
            best = (time < best.Time ? time : best.Time, Math.Min(best.Allocated, GC.GetAllocatedBytesForCurrentThread() - before));
        }

        return best;
    }

    private static ModelListQuery Query(string queryString)
    {
        Assert.True(ModelListQuery.TryParse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString)), 100, out var query, out string error), error);
        return query;
    }

    private static async Task<(string Body, TimeSpan Time, long Allocated)> MeasureAsync(HttpClient client, string url)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        long started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(url);
        string body = await response.Content.ReadAsStringAsync();
        var time = Stopwatch.GetElapsedTime(started);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (body, time, allocated);
    }
}

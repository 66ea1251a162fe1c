using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using ModelWatch.AspNetCore.Tests.TestSupport;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Tests.Endpoints;

/// <summary>A segmented model on the dashboard and the JSON endpoints: the segment list, the drill-in page and a segment's JSON.</summary>
public sealed partial class SegmentEndpointsTests
{
    private static readonly string[] Tenants = ["eu", "us", "<b>&"];

    private static ReferenceProfile Reference()
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(["x"]));
        var rng = new Random(4);
        for (int i = 0; i < 3_000; i++)
        {
            builder.Add([Normal(rng)], 0.5);
        }

        return builder.Build();
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static async Task<TestApp> StartAsync()
    {
        var t = await TestApp.StartAsync(
            w => w.AddNumericModel("fraud", "amount").AddModel("shop", m => m.Numeric("x").Reference(Reference()).WindowByCount(600).SegmentByKey()
                .Configure(o =>
                {
                    o.Segments.ReferenceSize = 0;
                    o.Segments.MinPredictions = 50;
                })),
            app => app.MapModelWatch("/modelwatch"));
        var shop = t.Watch.GetMonitor("shop");
        var rng = new Random(5);
        for (int i = 0; i < 600; i++)
        {
            string tenant = Tenants[i % 3];
            double x = Normal(rng) + (tenant == "us" ? 3 : 0);
            shop.Log(new PredictionEntry { Features = [x], Value = 0.5, Segment = tenant });
        }

        await t.Watch.EvaluateAsync();
        return t;
    }

    [Fact]
    public async Task ModelJson_ListsSegmentsMostSevereFirst_AndASegmentHasItsOwnJson()
    {
        await using var t = await StartAsync();
        using var model = JsonDocument.Parse(await t.Client.GetStringAsync("/modelwatch/api/models/shop"));
        var drift = model.RootElement.GetProperty("drift");
        var segments = drift.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal("us", segments[0].GetProperty("name").GetString());
        Assert.Equal(Tenants.Order(StringComparer.Ordinal), segments.Select(s => s.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        Assert.True(segments[0].GetProperty("isDrift").GetBoolean());
        Assert.Equal("evaluated", segments[0].GetProperty("status").GetString());
        Assert.Equal("wholeModel", segments[0].GetProperty("reference").GetString());
        Assert.Equal(200, segments[0].GetProperty("predictions").GetInt64());
        Assert.Equal(["x"], segments[0].GetProperty("driftedFeatures").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1.0 / 3, drift.GetProperty("driftedSegmentShare").GetDouble(), 9);

        using var segment = JsonDocument.Parse(await t.Client.GetStringAsync("/modelwatch/api/models/shop/segments/us"));
        Assert.Equal("us", segment.RootElement.GetProperty("segment").GetString());
        Assert.Equal("us", segment.RootElement.GetProperty("drift").GetProperty("segment").GetString());
        Assert.Equal(200, segment.RootElement.GetProperty("drift").GetProperty("dataQuality").GetProperty("predictions").GetInt64());

        using var unknown = JsonDocument.Parse(await t.Client.GetStringAsync("/modelwatch/api/models/shop/segments/nobody"));
        Assert.Equal(JsonValueKind.Null, unknown.RootElement.GetProperty("drift").ValueKind);

        using var unsegmented = await t.Client.GetAsync("/modelwatch/api/models/fraud/segments/us");
        Assert.Equal(HttpStatusCode.NotFound, unsegmented.StatusCode);
        Assert.Contains("not segmented", await unsegmented.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelPage_ListsSegments_AndEachLinkOpensTheSegmentsPage()
    {
        await using var t = await StartAsync();
        string html = await t.Client.GetStringAsync("/modelwatch/shop");
        Assert.Contains("data-segment=\"us\" data-drift=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("data-segment=\"eu\" data-drift=\"false\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>&", html, StringComparison.Ordinal);

        var links = SegmentLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(3, links.Count);
        foreach (string href in links)
        {
            using var response = await t.Client.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            string page = await response.Content.ReadAsStringAsync();
            Assert.Contains("data-feature=\"x\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>&", page, StringComparison.Ordinal);
        }

        string us = await t.Client.GetStringAsync(links.Single(l => l.EndsWith("/segments/us", StringComparison.Ordinal)));
        Assert.Contains("data-feature=\"x\" data-drift=\"true\"", us, StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr data-segment=\"[^\"]*\" data-drift=\"[a-z]+\" data-alert=\"[a-z]+\"><td><a href=\"([^\"]+)\">")]
    private static partial Regex SegmentLink();
}

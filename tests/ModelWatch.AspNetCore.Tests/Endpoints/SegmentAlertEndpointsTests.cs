using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using ModelWatch.AspNetCore.Tests.TestSupport;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Tests.Endpoints;

/// <summary>Segment alert states on the dashboard and in JSON: the model list's count, the segment list's badges, a segment's page and JSON.</summary>
public sealed class SegmentAlertEndpointsTests
{
    private static readonly string[] Tenants = ["eu", "us", "jp"];

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

    /// <summary>Two windows of 600 predictions in which tenant "us" is shifted by 3 σ: its drift alert is raised; every prediction of "eu" gets a right label.</summary>
    private static async Task<TestApp> StartAsync()
    {
        var t = await TestApp.StartAsync(
            w => w.AddNumericModel("fraud", "amount").AddModel("shop", m => m.Numeric("x").Reference(Reference()).WindowByCount(600).BinaryClassification().SegmentByKey()
                .Configure(o =>
                {
                    o.Segments.ReferenceSize = 0;
                    o.Segments.MinPredictions = 50;
                })),
            app => app.MapModelWatch("/modelwatch"));
        var shop = t.Watch.GetMonitor("shop");
        var rng = new Random(5);
        for (int window = 0; window < 2; window++)
        {
            for (int i = 0; i < 600; i++)
            {
                string tenant = Tenants[i % 3];
                double x = Normal(rng) + (tenant == "us" ? 3 : 0);
                string id = $"{window}-{i}";
                shop.Log(new PredictionEntry { Features = [x], Value = 0.8, Segment = tenant, Id = id });
                if (tenant == "eu")
                {
                    shop.RecordOutcome(id, 1);
                }
            }

            await t.Watch.EvaluateAsync();
        }

        return t;
    }

    [Fact]
    public async Task ModelList_CountsAlertingSegments_ModelPage_BadgesEachSegment()
    {
        await using var t = await StartAsync();
        Assert.Equal(["us"], t.Watch.GetAlertingSegments("shop"));
        Assert.True(t.Watch.IsAlertActive("shop", "us"));
        Assert.False(t.Watch.IsAlertActive("shop", "eu"));

        string list = await t.Client.GetStringAsync("/modelwatch");
        Assert.Contains("data-alerting-segments=\"1\" title=\"us\"><span class=\"badge alert\">1</span>", list, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(list, "data-alerting-segments=")); // "fraud" is not segmented: a dash

        string model = await t.Client.GetStringAsync("/modelwatch/shop");
        Assert.Contains("data-segment=\"us\" data-drift=\"true\" data-alert=\"true\">", model, StringComparison.Ordinal);
        Assert.Contains("data-segment=\"eu\" data-drift=\"false\" data-alert=\"false\">", model, StringComparison.Ordinal);
        Assert.Contains("<td data-alert=\"segments\">us</td>", model, StringComparison.Ordinal);

        string us = await t.Client.GetStringAsync("/modelwatch/shop/segments/us");
        Assert.Contains("<td data-alert=\"drift\"><span class=\"badge alert\">active</span>", us, StringComparison.Ordinal);
        Assert.Contains("<td data-alert=\"quality\"><span class=\"badge ok\">none</span>", us, StringComparison.Ordinal);
        string eu = await t.Client.GetStringAsync("/modelwatch/shop/segments/eu");
        Assert.Contains("<td data-alert=\"drift\"><span class=\"badge ok\">none</span>", eu, StringComparison.Ordinal);
        Assert.Contains("id=\"quality\"", eu, StringComparison.Ordinal); // its realised quality
    }

    [Fact]
    public async Task Json_CarriesAlertingSegments_AndASegmentsAlertsAndQuality()
    {
        await using var t = await StartAsync();
        using var models = JsonDocument.Parse(await t.Client.GetStringAsync("/modelwatch/api/models"));
        var shop = models.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "shop");
        var fraud = models.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "fraud");
        Assert.Equal(["us"], shop.GetProperty("alertingSegments").EnumerateArray().Select(e => e.GetString()));
        Assert.False(fraud.TryGetProperty("alertingSegments", out var none) && none.ValueKind != JsonValueKind.Null);

        using var us = JsonDocument.Parse(await t.Client.GetStringAsync("/modelwatch/api/models/shop/segments/us"));
        Assert.True(us.RootElement.GetProperty("alerts").GetProperty("drift").GetBoolean());
        Assert.False(us.RootElement.GetProperty("alerts").GetProperty("quality").GetBoolean());
        Assert.Equal(JsonValueKind.Null, us.RootElement.GetProperty("quality").ValueKind); // no label for "us"

        using var eu = JsonDocument.Parse(await t.Client.GetStringAsync("/modelwatch/api/models/shop/segments/eu"));
        var quality = eu.RootElement.GetProperty("quality");
        Assert.Equal("eu", quality.GetProperty("segment").GetString());
        Assert.Equal(200, quality.GetProperty("outcomes").GetInt64());
        Assert.Equal(1.0, quality.GetProperty("metrics").GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public async Task SegmentHistory_OnItsPage_AndAsJson()
    {
        await using var t = await StartAsync();
        using var json = JsonDocument.Parse(await t.Client.GetStringAsync("/modelwatch/api/models/shop/segments/us/history"));
        Assert.Equal("us", json.RootElement.GetProperty("segment").GetString());
        var windows = json.RootElement.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(2, windows.Count);
        Assert.Equal([0L, 1L], windows.Select(w => w.GetProperty("firstSubWindow").GetInt64()));
        Assert.All(windows, w =>
        {
            Assert.Equal(1.0, w.GetProperty("driftedShare").GetDouble());
            Assert.True(w.GetProperty("result").GetProperty("isDrift").GetBoolean());
            Assert.Equal(200, w.GetProperty("result").GetProperty("predictions").GetInt64());
        });

        using var eu = JsonDocument.Parse(await t.Client.GetStringAsync("/modelwatch/api/models/shop/segments/eu/history"));
        var first = eu.RootElement.GetProperty("windows")[0].GetProperty("result");
        Assert.False(first.GetProperty("isDrift").GetBoolean());
        Assert.Equal(1.0, first.GetProperty("quality").GetProperty("accuracy").GetDouble()); // its labelled predictions

        string page = await t.Client.GetStringAsync("/modelwatch/shop/segments/us");
        Assert.Contains("id=\"segment-history\"", page, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(page, "<tr data-window-drift=\"true\">"));
        Assert.Contains("/modelwatch/api/models/shop/segments/us/history", page, StringComparison.Ordinal);

        using var unsegmented = await t.Client.GetAsync("/modelwatch/api/models/fraud/segments/us/history");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unsegmented.StatusCode);
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using ModelWatch.AspNetCore.Tests.TestSupport;
using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Reporting;

namespace ModelWatch.AspNetCore.Tests.Endpoints;

public sealed class ModelWatchEndpointsTests
{
    private static Task<TestApp> StartAsync() => TestApp.StartAsync(
        w => w.AddNumericModel("fraud", "amount", "age").AddClassifier("churn"),
        app => app.MapModelWatch("/modelwatch"));

    /// <summary>
    /// Logs a stable window, then two windows where amount moved by three standard deviations. All three
    /// close (a count window closes as soon as its last prediction is logged), so the latest
    /// report is the third window's.
    /// </summary>
    private static async Task DriftFraudAsync(TestApp t)
    {
        var fraud = t.Watch.GetMonitor("fraud");
        TestModels.LogRows(fraud, TestModels.WindowSize, shift: 0, seed: 1);
        TestModels.LogRows(fraud, TestModels.WindowSize, shift: 3, seed: 2);
        TestModels.LogRows(fraud, TestModels.WindowSize, shift: 3, seed: 3);
        await t.Watch.EvaluateAsync();
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task ApiModels_ListsEveryModelWithVersionsAndAlerts()
    {
        await using var t = await StartAsync();
        await DriftFraudAsync(t);

        var json = await GetJsonAsync(t.Client, "/modelwatch/api/models");

        var models = json.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal(["churn", "fraud"], models.Keys.Order());
        var fraud = models["fraud"];
        Assert.Equal("1", fraud.GetProperty("currentVersion").GetString());
        var version = Assert.Single(fraud.GetProperty("versions").EnumerateArray());
        Assert.True(version.GetProperty("isCurrent").GetBoolean());
        Assert.True(version.GetProperty("hasReference").GetBoolean());
        Assert.True(fraud.GetProperty("alerts").GetProperty("drift").GetBoolean());
        Assert.False(fraud.GetProperty("alerts").GetProperty("quality").GetBoolean());
        Assert.Equal("driftAlert", fraud.GetProperty("status").GetString());
        Assert.Contains("amount", fraud.GetProperty("driftedFeatures").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("noData", models["churn"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, models["churn"].GetProperty("isDrift").ValueKind);
        Assert.Equal(t.Time.GetUtcNow(), json.GetProperty("generatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task ApiModel_AfterDriftedWindow_ReturnsPerFeatureDetectorResultsAndCounts()
    {
        await using var t = await StartAsync();
        await DriftFraudAsync(t);

        var json = await GetJsonAsync(t.Client, "/modelwatch/api/models/fraud");

        Assert.Equal("fraud", json.GetProperty("name").GetString());
        Assert.True(json.GetProperty("alerts").GetProperty("drift").GetBoolean());
        var drift = json.GetProperty("drift");
        Assert.Equal("evaluated", drift.GetProperty("status").GetString());
        Assert.Equal(TestModels.WindowSize, drift.GetProperty("dataQuality").GetProperty("predictions").GetInt64());
        Assert.Equal(0, drift.GetProperty("dataQuality").GetProperty("missing").GetInt64());
        var features = drift.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(["age", "amount", "prediction"], features.Keys.Order());

        var amount = features["amount"];
        Assert.True(amount.GetProperty("isDrift").GetBoolean());
        Assert.Equal("numeric", amount.GetProperty("kind").GetString());
        Assert.False(amount.GetProperty("isPrediction").GetBoolean());
        var verdict = amount.GetProperty("verdict");
        Assert.Equal("ks", verdict.GetProperty("detector").GetString());
        Assert.Equal("pValue", verdict.GetProperty("basis").GetString());
        Assert.True(verdict.GetProperty("pValue").GetDouble() < verdict.GetProperty("threshold").GetDouble());
        Assert.InRange(verdict.GetProperty("statistic").GetDouble(), 0.5, 1.0); // a 3σ shift separates the distributions
        Assert.Equal(2_000, verdict.GetProperty("referenceCount").GetInt64());
        Assert.Equal(TestModels.WindowSize, verdict.GetProperty("currentCount").GetInt64());
        Assert.Contains("psi", amount.GetProperty("detectors").EnumerateArray().Select(d => d.GetProperty("detector").GetString()));
        Assert.Equal(TestModels.WindowSize, amount.GetProperty("counts").GetProperty("count").GetInt64());
        Assert.Equal(amount.GetProperty("binEdges").GetArrayLength() + 1, amount.GetProperty("currentCounts").GetArrayLength());
        Assert.Equal(TestModels.WindowSize, amount.GetProperty("currentCounts").EnumerateArray().Sum(c => c.GetInt64()));

        Assert.False(features["age"].GetProperty("isDrift").GetBoolean());
        Assert.True(features["prediction"].GetProperty("isPrediction").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("quality").ValueKind);
    }

    [Fact]
    public async Task ApiModel_WithScoredOutcomes_ReturnsQualityMetrics()
    {
        await using var t = await StartAsync();
        TestModels.LogWrongPredictions(t.Watch.GetMonitor("churn"), seed: 4);
        await t.Watch.EvaluateAsync();

        var json = await GetJsonAsync(t.Client, "/modelwatch/api/models/churn");

        Assert.True(json.GetProperty("alerts").GetProperty("quality").GetBoolean());
        var quality = json.GetProperty("quality");
        Assert.Equal("binaryClassification", quality.GetProperty("task").GetString());
        Assert.Equal("outcomeArrival", quality.GetProperty("basis").GetString());
        // Outcomes count in the window where they arrive: all hundred after the first window's last prediction.
        Assert.Equal(TestModels.WindowSize, quality.GetProperty("outcomes").GetInt64());
        Assert.Equal(0.0, quality.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.Equal(JsonValueKind.Null, quality.GetProperty("metrics").GetProperty("meanAbsoluteError").ValueKind);
        Assert.True(quality.GetProperty("isDegraded").GetBoolean());
        var breach = Assert.Single(quality.GetProperty("breaches").EnumerateArray());
        Assert.Equal("accuracy", breach.GetProperty("metric").GetString());
        Assert.Equal(0.9, breach.GetProperty("limit").GetDouble());
    }

    [Fact]
    public async Task ApiModel_ReportProperties_StayInTheDocumentedOrder()
    {
        await using var t = await StartAsync();
        await DriftFraudAsync(t);
        TestModels.LogWrongPredictions(t.Watch.GetMonitor("churn"), seed: 4);
        await t.Watch.EvaluateAsync();

        var drift = (await GetJsonAsync(t.Client, "/modelwatch/api/models/fraud")).GetProperty("drift");
        var quality = (await GetJsonAsync(t.Client, "/modelwatch/api/models/churn")).GetProperty("quality");

        // The package README shows this order; clients that read the JSON by eye rely on it.
        Assert.Equal(
            ["modelName", "modelVersion", "status", "isComplete", "firstSubWindow", "lastSubWindow", "windowStart", "windowEnd", "evaluatedAt", "classNames",
             "isDrift", "isPredictionDrift", "dataset", "multivariate", "dataQuality", "meanLatencySeconds", "maxLatencySeconds", "features"],
            drift.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["modelName", "modelVersion", "basis", "isComplete", "firstSubWindow", "lastSubWindow", "windowStart", "windowEnd", "evaluatedAt", "classNames",
             "predictions", "task", "outcomes", "metrics", "estimated", "breaches", "conceptDrift", "isDegraded"],
            quality.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ApiHistory_ReturnsClosedWindowsOldestFirst()
    {
        await using var t = await StartAsync();
        await DriftFraudAsync(t);

        var json = await GetJsonAsync(t.Client, "/modelwatch/api/models/fraud/history");

        var windows = json.GetProperty("drift").EnumerateArray().ToList();
        Assert.Equal(3, windows.Count);
        Assert.All(windows, w => Assert.True(w.GetProperty("isComplete").GetBoolean()));
        Assert.All(windows, w => Assert.Equal(TestModels.WindowSize, w.GetProperty("dataQuality").GetProperty("predictions").GetInt64()));
        Assert.Equal([false, true, true], windows.Select(w => w.GetProperty("isDrift").GetBoolean()));
        Assert.True(windows[0].GetProperty("firstSubWindow").GetInt64() < windows[1].GetProperty("firstSubWindow").GetInt64());
        Assert.Equal(0, json.GetProperty("quality").GetArrayLength());
    }

    [Theory]
    [InlineData("/modelwatch/api/models/nope")]
    [InlineData("/modelwatch/api/models/nope/history")]
    public async Task ApiModel_UnknownModel_Returns404ProblemDetails(string path)
    {
        await using var t = await StartAsync();

        using var response = await t.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("Unknown model", problem.GetProperty("title").GetString());
        Assert.Contains("'nope'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelPage_MarksEachFeatureWithItsDriftState()
    {
        await using var t = await StartAsync();
        await DriftFraudAsync(t);

        using var response = await t.Client.GetAsync("/modelwatch/fraud");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("data-feature=\"amount\" data-drift=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("data-feature=\"age\" data-drift=\"false\"", html, StringComparison.Ordinal);
        Assert.Contains("data-feature=\"prediction\" data-drift=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge drift\">DRIFT</span>", html, StringComparison.Ordinal);
        Assert.Contains("data-alert=\"drift\"><span class=\"badge alert\">active</span>", html, StringComparison.Ordinal);

        // One histogram per column and the drift-over-windows chart, all inline SVG.
        Assert.Equal(3, CountOf(html, "data-histogram="));
        Assert.Contains("aria-label=\"Share of drifted features per window\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Reference and current distribution of amount\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"amount: statistic over recent windows\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/modelwatch")]
    [InlineData("/modelwatch/")]
    [InlineData("/modelwatch/fraud")]
    [InlineData("/modelwatch/churn")]
    public async Task Pages_LoadNothingFromElsewhere(string path)
    {
        await using var t = await StartAsync();
        await DriftFraudAsync(t);
        TestModels.LogWrongPredictions(t.Watch.GetMonitor("churn"), seed: 4);
        await t.Watch.EvaluateAsync();

        string html = await t.Client.GetStringAsync(path);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ListPage_ShowsEachModelsDriftStateAndLinksToItsPage()
    {
        await using var t = await StartAsync();
        await DriftFraudAsync(t);

        string html = await t.Client.GetStringAsync("/modelwatch");

        Assert.Contains("<tr data-model=\"fraud\" data-drift=\"true\"><td><a href=\"/modelwatch/fraud\">fraud</a>", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-model=\"churn\" data-drift=\"false\"><td><a href=\"/modelwatch/churn\">churn</a>", html, StringComparison.Ordinal);
        Assert.Contains("drift alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_HostileNames_AreEncoded()
    {
        const string model = "<script>alert('m')";
        const string feature = "\"><img src=x onerror=alert(1)>";
        await using var t = await TestApp.StartAsync(
            w => w.AddNumericModel(model, feature, "b&c"),
            app => app.MapModelWatch("/mw"));
        TestModels.LogRows(t.Watch.GetMonitor(model), TestModels.WindowSize, shift: 3, seed: 5);
        await t.Watch.EvaluateAsync();

        string list = await t.Client.GetStringAsync("/mw");
        string page = await t.Client.GetStringAsync("/mw/" + Uri.EscapeDataString(model));
        string json = await t.Client.GetStringAsync("/mw/api/models/" + Uri.EscapeDataString(model));

        foreach (string html in new[] { list, page })
        {
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        }

        Assert.Contains("data-feature=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"", page, StringComparison.Ordinal);
        Assert.Contains("data-feature=\"b&amp;c\"", page, StringComparison.Ordinal);
        var names = JsonDocument.Parse(json).RootElement.GetProperty("drift").GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString());
        Assert.Contains(feature, names);
    }

    [Fact]
    public async Task ModelPage_HostileCategory_IsEncodedInTheHistogram()
    {
        const string category = "<i onmouseover=alert(1)>basic</i>";
        var schema = new ModelSchema(["amount"], ["plan"]);
        var reference = new ReferenceProfileBuilder(schema);
        for (int i = 0; i < 200; i++)
        {
            reference.Add([i % 10], [i % 2 == 0 ? category : "pro"], i % 10);
        }

        await using var t = await TestApp.StartAsync(
            w => w.AddModel("plans", m => m.Numeric("amount").Categorical("plan").Reference(reference.Build()).WindowByCount(TestModels.WindowSize)),
            app => app.MapModelWatch("/mw"));
        var monitor = t.Watch.GetMonitor("plans");
        for (int i = 0; i < 50; i++)
        {
            monitor.Log([i % 10], [category], i % 10);
        }

        await t.Watch.EvaluateAsync();
        string page = await t.Client.GetStringAsync("/mw/plans");

        Assert.Contains("data-feature=\"plan\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<i ", page, StringComparison.Ordinal);
        Assert.Contains("&lt;i onmouseover=alert(1)&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelPage_UnknownModel_Returns404Page()
    {
        await using var t = await StartAsync();

        using var response = await t.Client.GetAsync("/modelwatch/%3Cb%3Enope");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("&lt;b&gt;nope", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>nope", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelPage_BeforeAnyEvaluation_SaysSo()
    {
        await using var t = await StartAsync();

        string html = await t.Client.GetStringAsync("/modelwatch/fraud");

        Assert.Contains("Not evaluated yet.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-feature=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelPage_DriftTable_FormatsNumbersAsTheReportAndTheToolDo()
    {
        await using var t = await StartAsync();
        await DriftFraudAsync(t);

        var json = await GetJsonAsync(t.Client, "/modelwatch/api/models/fraud");
        string html = await t.Client.GetStringAsync("/modelwatch/fraud");

        // The deciding detector's statistic, p-value, threshold and counts read exactly as
        // StatisticFormat writes them, the formatter of the HTML report and the tool's table.
        foreach (var feature in json.GetProperty("drift").GetProperty("features").EnumerateArray())
        {
            var v = feature.GetProperty("verdict");
            var verdict = new DriftResult
            {
                Detector = v.GetProperty("detector").GetString()!,
                Statistic = v.GetProperty("statistic").GetDouble(),
                PValue = v.GetProperty("pValue").ValueKind == JsonValueKind.Number ? v.GetProperty("pValue").GetDouble() : null,
                Threshold = v.GetProperty("threshold").GetDouble(),
                Basis = v.GetProperty("basis").GetString() == "pValue" ? DriftDecisionBasis.PValue : DriftDecisionBasis.Statistic,
                IsDrift = v.GetProperty("isDrift").GetBoolean(),
                ReferenceCount = v.GetProperty("referenceCount").GetInt64(),
                CurrentCount = v.GetProperty("currentCount").GetInt64(),
            };
            string[] expected =
            [
                StatisticFormat.Statistic(verdict.Statistic), StatisticFormat.PValue(verdict.PValue), StatisticFormat.Threshold(verdict),
                StatisticFormat.Count(verdict.ReferenceCount), StatisticFormat.Count(verdict.CurrentCount),
            ];

            Assert.Equal(expected, NumberCells(html, feature.GetProperty("name").GetString()!)[..5]);
        }

        Assert.Contains("p < 0.01", NumberCells(html, "amount"));
    }

    [Fact]
    public void MapModelWatch_WithoutModelWatchRegistered_ThrowsAtMapping()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapModelWatch("/modelwatch"));

        Assert.Contains("AddModelWatch()", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The decoded number cells (<c>td class="n"</c>) of a column's row in the drift table.</summary>
    private static string[] NumberCells(string html, string feature)
    {
        var row = Regex.Match(html, $"<tr data-feature=\"{Regex.Escape(feature)}\".*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no drift-table row for {feature}");
        // The statistic's cell ends with its exactness label (<span class="bound">), read by ExactnessLabels.
        return [.. Regex.Matches(row.Value, "<td class=\"n\">(.*?)</td>").Select(m => WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<span class=\"bound\">.*?</span>", string.Empty)))];
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

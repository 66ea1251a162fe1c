using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ModelWatch.AspNetCore.Tests.TestSupport;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Tests.Endpoints;

/// <summary>
/// An application's own minimal-API endpoints that return ModelWatch's reports, with the framework's
/// default JSON options (nothing configured), answer 200 with the JSON of <c>/api/models/{model}</c>.
/// </summary>
public sealed class ReportSerializationTests
{
    private static Task<TestApp> StartAsync() => TestApp.StartAsync(
        w => w.AddNumericModel("fraud", "amount", "age").AddClassifier("churn"),
        app =>
        {
            app.MapModelWatch("/modelwatch");
            app.MapGet("/report/{model}", (IModelWatch mw, string model) => mw.GetLatestReport(model));
            app.MapGet("/quality/{model}", (IModelWatch mw, string model) => mw.GetLatestQualityReport(model));
            app.MapGet("/history/{model}", (IModelWatch mw, string model) => mw.GetHistory(model));
            app.MapGet("/typed/{model}", (IModelWatch mw, string model) => TypedResults.Ok(mw.GetLatestReport(model)));
        });

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public async Task MinimalApi_LatestReportAfterDrift_IsTheReportOfApiModels()
    {
        await using var t = await StartAsync();
        var fraud = t.Watch.GetMonitor("fraud");
        TestModels.LogRows(fraud, TestModels.WindowSize, shift: 0, seed: 1);
        TestModels.LogRows(fraud, TestModels.WindowSize, shift: 3, seed: 2);
        await t.Watch.EvaluateAsync();

        string own = await GetAsync(t.Client, "/report/fraud");
        string typed = await GetAsync(t.Client, "/typed/fraud");
        var api = Parse(await GetAsync(t.Client, "/modelwatch/api/models/fraud"));

        // Same property names, order and values, to the byte.
        Assert.Equal(api.GetProperty("drift").GetRawText(), own);
        Assert.Equal(own, typed);
        var report = Parse(own);
        Assert.True(report.GetProperty("isDrift").GetBoolean());
        Assert.Equal("evaluated", report.GetProperty("status").GetString());
        // Nothing was timed: the latency is NaN in the report, null in the JSON (this was the 500).
        Assert.True(double.IsNaN(t.Watch.GetLatestReport("fraud")!.MeanLatencySeconds));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("meanLatencySeconds").ValueKind);
        var amount = report.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "amount");
        Assert.Equal("numeric", amount.GetProperty("kind").GetString());
        Assert.True(amount.GetProperty("isDrift").GetBoolean());
        var verdict = amount.GetProperty("verdict");
        Assert.Equal("pValue", verdict.GetProperty("basis").GetString());
        Assert.Contains(verdict.GetProperty("exactness").GetString(), new[] { "exact", "bounded" });
        Assert.All(amount.GetProperty("detectors").EnumerateArray(), d => Assert.True(d.TryGetProperty("statisticBound", out _)));
    }

    [Fact]
    public async Task MinimalApi_QualityReportAndHistory_AreTheReportsOfApiModels()
    {
        await using var t = await StartAsync();
        var fraud = t.Watch.GetMonitor("fraud");
        TestModels.LogRows(fraud, TestModels.WindowSize, shift: 0, seed: 1);
        TestModels.LogRows(fraud, TestModels.WindowSize, shift: 3, seed: 2);
        TestModels.LogWrongPredictions(t.Watch.GetMonitor("churn"), seed: 4);
        await t.Watch.EvaluateAsync();

        string quality = await GetAsync(t.Client, "/quality/churn");
        var api = Parse(await GetAsync(t.Client, "/modelwatch/api/models/churn"));
        Assert.Equal(api.GetProperty("quality").GetRawText(), quality);
        Assert.Equal("outcomeArrival", Parse(quality).GetProperty("basis").GetString());
        Assert.Equal("binaryClassification", Parse(quality).GetProperty("task").GetString());

        string history = await GetAsync(t.Client, "/history/fraud");
        var apiHistory = Parse(await GetAsync(t.Client, "/modelwatch/api/models/fraud/history"));
        Assert.Equal(apiHistory.GetProperty("drift").GetRawText(), history);
        Assert.Equal(2, Parse(history).GetArrayLength());
    }

    [Fact]
    public async Task MinimalApi_BeforeAnyEvaluation_AnswersNullLikeApiModels()
    {
        await using var t = await StartAsync();

        Assert.Equal("null", await GetAsync(t.Client, "/report/fraud"));
        Assert.Equal(JsonValueKind.Null, Parse(await GetAsync(t.Client, "/modelwatch/api/models/fraud")).GetProperty("drift").ValueKind);
    }
}

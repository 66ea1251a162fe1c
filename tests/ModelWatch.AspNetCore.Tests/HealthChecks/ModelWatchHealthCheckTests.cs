using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ModelWatch.AspNetCore.Tests.TestSupport;

namespace ModelWatch.AspNetCore.Tests.HealthChecks;

public sealed class ModelWatchHealthCheckTests
{
    private static Task<TestApp> StartAsync(Action<IHealthChecksBuilder> health) => TestApp.StartAsync(
        w => w.AddNumericModel("fraud", "amount", "age").AddClassifier("churn"),
        _ => { },
        b => health(b.Services.AddHealthChecks()));

    private static Task<HealthReport> CheckAsync(TestApp t) => t.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    private static async Task RaiseDriftAlertAsync(TestApp t)
    {
        var fraud = t.Watch.GetMonitor("fraud");
        TestModels.LogRows(fraud, TestModels.WindowSize, shift: 3, seed: 2);
        TestModels.LogRows(fraud, TestModels.WindowSize, shift: 3, seed: 3);
        await t.Watch.EvaluateAsync();
        Assert.True(t.Watch.IsAlertActive("fraud"));
    }

    private static async Task RaiseQualityAlertAsync(TestApp t)
    {
        TestModels.LogWrongPredictions(t.Watch.GetMonitor("churn"), seed: 4);
        await t.Watch.EvaluateAsync();
        Assert.True(t.Watch.IsQualityAlertActive("churn"));
    }

    private static IReadOnlyDictionary<string, object?> ModelData(HealthReport report, string model) =>
        Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(report.Entries["modelwatch"].Data[model]);

    [Fact]
    public async Task Check_NoAlerts_IsHealthyWithDataPerModel()
    {
        await using var t = await StartAsync(h => h.AddModelWatch());
        TestModels.LogRows(t.Watch.GetMonitor("fraud"), 2 * TestModels.WindowSize, shift: 0, seed: 1);
        await t.Watch.EvaluateAsync();

        var report = await CheckAsync(t);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        var entry = report.Entries["modelwatch"];
        Assert.Equal(["churn", "fraud"], entry.Data.Keys.Order());
        var fraud = ModelData(report, "fraud");
        Assert.Equal("1", fraud["version"]);
        Assert.Equal("Healthy", fraud["status"]);
        Assert.Equal(false, fraud["driftAlert"]);
        Assert.Equal(false, fraud["qualityAlert"]);
        Assert.Equal(false, fraud["drift"]);
        Assert.Null(ModelData(report, "churn")["drift"]);
    }

    [Fact]
    public async Task Check_DriftAlert_IsDegraded()
    {
        await using var t = await StartAsync(h => h.AddModelWatch());
        await RaiseDriftAlertAsync(t);

        var report = await CheckAsync(t);

        Assert.Equal(HealthStatus.Degraded, report.Status);
        var fraud = ModelData(report, "fraud");
        Assert.Equal("Degraded", fraud["status"]);
        Assert.Equal(true, fraud["driftAlert"]);
        Assert.Contains("amount", Assert.IsType<string[]>(fraud["driftedFeatures"]));
        Assert.Equal("Healthy", ModelData(report, "churn")["status"]);
        Assert.Contains("fraud (drift alert)", report.Entries["modelwatch"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_QualityAlert_IsUnhealthy()
    {
        await using var t = await StartAsync(h => h.AddModelWatch());
        await RaiseQualityAlertAsync(t);

        var report = await CheckAsync(t);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        var churn = ModelData(report, "churn");
        Assert.Equal("Unhealthy", churn["status"]);
        Assert.Equal(true, churn["qualityAlert"]);
    }

    [Fact]
    public async Task Check_ConfiguredStatuses_Apply()
    {
        await using var t = await StartAsync(h => h.AddModelWatch(o =>
        {
            o.DriftAlertStatus = HealthStatus.Unhealthy;
            o.QualityAlertStatus = HealthStatus.Degraded;
        }));
        await RaiseQualityAlertAsync(t);

        Assert.Equal(HealthStatus.Degraded, (await CheckAsync(t)).Status);

        await RaiseDriftAlertAsync(t);

        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(t)).Status);
    }

    [Fact]
    public async Task Check_ModelFilter_ChecksOnlyTheListedModels()
    {
        await using var t = await StartAsync(h => h.AddModelWatch("churn-only", o => o.Models.Add("churn"), tags: ["ready"]));
        await RaiseDriftAlertAsync(t);

        var report = await CheckAsync(t);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        var entry = report.Entries["churn-only"];
        Assert.Equal(["churn"], entry.Data.Keys);
        Assert.Equal(["ready"], entry.Tags);
    }

    [Fact]
    public async Task AddModelWatch_UnknownModelInFilter_StopsTheHostAtStartUp()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(h => h.AddModelWatch(o =>
        {
            o.Models.Add("fraud");
            o.Models.Add("frod");
        })));

        var message = Assert.Single(error.Failures);
        Assert.Contains("no model named 'frod' is monitored", message, StringComparison.Ordinal);
        Assert.Contains("churn, fraud", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddModelWatch_UndefinedStatus_StopsTheHostAtStartUp()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(h => h.AddModelWatch(o => o.DriftAlertStatus = (HealthStatus)7)));

        Assert.Contains("DriftAlertStatus 7 is not a HealthStatus", Assert.Single(error.Failures), StringComparison.Ordinal);
    }
}

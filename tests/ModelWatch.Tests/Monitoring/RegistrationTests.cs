using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelWatch.Drift;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring;

public sealed class RegistrationTests
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 2_000);

    [Fact]
    public void AddModelWatch_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddModelWatch();
        services.AddModelWatch(o => o.EvaluationInterval = TimeSpan.FromSeconds(5));
        Assert.Single(services, d => d.ServiceType == typeof(IModelWatch));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.Same(provider.GetRequiredService<IModelWatch>(), provider.GetRequiredService<IModelWatch>());
        Assert.Equal(TimeSpan.FromSeconds(5), provider.GetRequiredService<IOptions<ModelWatchOptions>>().Value.EvaluationInterval);
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_FailsWithEveryProblemListed()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddModelWatch(o => o.EvaluationInterval = TimeSpan.Zero)
            .AddModel("bad", m => m.Configure(o =>
            {
                o.Features.Add(new FeatureOptions { Name = "x", Kind = (FeatureKind)42 });
                o.Window.Duration = TimeSpan.FromMinutes(1);
                o.Window.SubWindowDuration = TimeSpan.FromMinutes(5);
                o.Drift.PsiThreshold = 0.3;
                o.Drift.PsiMajorThreshold = 0.2;
            }))
            .AddModel("empty", m => m.Reference(Reference))
            .AddModel("dup", m => m.Numeric("f0", "f1").Reference(Reference))
            .AddModel("dup", m => m.Numeric("f0", "f1").Reference(Reference));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        string message = Flatten(error);
        Console.WriteLine(error.ToString());
        Assert.Contains("unknown kind '42'", message);
        Assert.Contains("shorter than its sub-window", message);
        Assert.Contains("Thresholds out of order", message);
        Assert.Contains("The schema is empty", message);
        Assert.Contains("'dup' is declared 2 times", message);
        Assert.Contains("EvaluationInterval", message);
    }

    [Fact]
    public void AddModelWatch_FromConfiguration_BindsGlobalAndModelSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelWatch:EvaluationInterval"] = "00:00:30",
            ["ModelWatch:Models:fraud:Version"] = "3",
            ["ModelWatch:Models:fraud:Features:0:Name"] = "amount",
            ["ModelWatch:Models:fraud:Features:1:Name"] = "country",
            ["ModelWatch:Models:fraud:Features:1:Kind"] = "Categorical",
            ["ModelWatch:Models:fraud:Reference:Source"] = "FirstPredictions",
            ["ModelWatch:Models:fraud:Reference:SizeInPredictions"] = "500",
            ["ModelWatch:Models:fraud:Window:Kind"] = "Count",
            ["ModelWatch:Models:fraud:Window:SizeInPredictions"] = "100",
            ["ModelWatch:Models:fraud:Drift:Features:amount:Detector"] = "Wasserstein",
        }).Build();
        var services = new ServiceCollection();
        services.AddModelWatch(configuration.GetSection("ModelWatch"));
        using var provider = services.BuildServiceProvider();

        var watch = provider.GetRequiredService<IModelWatch>();
        var monitor = watch.GetMonitor("fraud");
        Assert.Equal("3", monitor.ModelVersion);
        Assert.Equal(["amount"], monitor.Schema.NumericFeatures.ToArray());
        Assert.Equal(["country"], monitor.Schema.CategoricalFeatures.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(30), provider.GetRequiredService<IOptions<ModelWatchOptions>>().Value.EvaluationInterval);
        Assert.False(Assert.Single(watch.Models).HasReference);
    }

    [Fact]
    public async Task AddModel_AtRunTime_NewVersionBecomesCurrentAndHandlesFollowIt()
    {
        var (services, watch, _) = TestModels.Create(m => m.Version("1").Numeric("f0", "f1").Reference(Reference));
        using var _s = services;
        var handle = watch.GetMonitor("m");
        handle.Log([0.1, 0.2], 0.3);

        var v2 = watch.AddModel("m", m => m.Version("2").Numeric("f0", "f1").Reference(Reference));
        handle.Log([0.1, 0.2], 0.3);
        handle.Log([0.1, 0.2], 0.3);

        Assert.Equal("2", handle.ModelVersion);
        Assert.Same(v2, watch.GetMonitor("m", "2"));
        Assert.Equal(["1", "2"], watch.Models.Select(m => m.Version));
        var reports = await watch.EvaluateAsync();
        Assert.Equal(1, reports.Single(r => r.ModelVersion == "1").Predictions);
        Assert.Equal(2, reports.Single(r => r.ModelVersion == "2").Predictions);
        Assert.Throws<InvalidOperationException>(() => watch.AddModel("m", m => m.Version("2").Numeric("f0", "f1").Reference(Reference)));
        Assert.Throws<OptionsValidationException>(() => watch.AddModel("other", m => m.Numeric("x", "x").Reference(Reference)));
        Assert.Throws<KeyNotFoundException>(() => watch.GetMonitor("unknown"));
    }

    [Fact]
    public async Task ReferenceFromFirstPredictions_IsBuiltThenWindowsAreEvaluated()
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").ReferenceFromFirstPredictions(2_000).Window(TimeSpan.FromMinutes(1)));
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        var rng = new TestSupport.SplitMix64(4);
        for (int i = 0; i < 2_500; i++)
        {
            monitor.Log([rng.NextNormal(), rng.NextNormal()], rng.NextNormal());
        }

        var first = await watch.EvaluateAsync();
        Assert.Equal(DriftReportStatus.EmptyWindow, first.Single().Status); // the 2,500 predictions became the reference
        Assert.True(watch.Models.Single().HasReference);

        for (int i = 0; i < 1_000; i++)
        {
            monitor.Log([rng.NextNormal() + 3, rng.NextNormal()], rng.NextNormal());
        }

        time.Advance(TimeSpan.FromMinutes(1));
        var closed = (await watch.EvaluateAsync()).Single(r => r.IsComplete);
        Assert.Equal(DriftReportStatus.Evaluated, closed.Status);
        Assert.True(closed.Features.Single(f => f.Name == "f0").IsDrift);
        Assert.False(closed.Features.Single(f => f.Name == "f1").IsDrift);
    }

    [Fact]
    public async Task WatchReportsAsync_StreamsNewReports()
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference));
        using var _s = services;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        DriftReport? evented = null;
        watch.ReportPublished += (_, e) => evented = e.Report;

        // The subscription exists once enumeration has started.
        await using var reports = watch.WatchReportsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var next = reports.MoveNextAsync();
        watch.GetMonitor("m").Log([0.1, 0.2], 0.3);
        await watch.EvaluateAsync(cts.Token);

        Assert.True(await next);
        Assert.Equal("m", reports.Current.ModelName);
        Assert.NotNull(evented);
    }

    private static string Flatten(Exception e) => e switch
    {
        AggregateException a => string.Join("\n", a.InnerExceptions.Select(Flatten)),
        OptionsValidationException o => string.Join("\n", o.Failures),
        _ => e.Message + (e.InnerException is null ? string.Empty : "\n" + Flatten(e.InnerException)),
    };
}

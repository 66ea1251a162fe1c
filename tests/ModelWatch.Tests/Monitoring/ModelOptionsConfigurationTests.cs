using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelWatch.Drift;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// Options from configuration: every renamed key and every enum-typed option binds (enum names in
/// any case, the short detector names), while a value that is no name of its enum, or a key that is
/// no setting (such as a name from before a rename), is reported at start-up together with every
/// other problem in one <see cref="OptionsValidationException"/>.
/// </summary>
public sealed class ModelOptionsConfigurationTests
{
    [Fact]
    public void AddModelWatch_RenamedAndEnumKeys_BindFromConfiguration()
    {
        using var provider = Provider(new()
        {
            ["ModelWatch:WindowProfileMaxCount"] = "12",
            ["ModelWatch:Models:fraud:Prediction"] = "categorical",
            ["ModelWatch:Models:fraud:Features:0:Name"] = "amount",
            ["ModelWatch:Models:fraud:Features:1:Name"] = "country",
            ["ModelWatch:Models:fraud:Features:1:Kind"] = "CATEGORICAL",
            ["ModelWatch:Models:fraud:Window:Kind"] = "count",
            ["ModelWatch:Models:fraud:Window:SizeInPredictions"] = "1000",
            ["ModelWatch:Models:fraud:Window:SubWindowSizeInPredictions"] = "100",
            ["ModelWatch:Models:fraud:Window:Duration"] = "00:30:00",
            ["ModelWatch:Models:fraud:Window:SubWindowDuration"] = "00:05:00",
            ["ModelWatch:Models:fraud:Window:HistoryWindows"] = "7",
            ["ModelWatch:Models:fraud:Reference:Source"] = "FirstPredictions",
            ["ModelWatch:Models:fraud:Reference:SizeInPredictions"] = "500",
            ["ModelWatch:Models:fraud:Alerts:RaiseAfterWindows"] = "3",
            ["ModelWatch:Models:fraud:Alerts:ClearAfterWindows"] = "4",
            ["ModelWatch:Models:fraud:Drift:Correction"] = "benjaminihochberg",
            ["ModelWatch:Models:fraud:Drift:Features:amount:Detector"] = "Wasserstein",
            ["ModelWatch:Models:fraud:Quality:Task"] = "MulticlassClassification",
            ["ModelWatch:Models:fraud:Quality:Classes"] = "3",
            ["ModelWatch:Models:fraud:Quality:ClassNames:0"] = "legit",
            ["ModelWatch:Models:fraud:Quality:ClassNames:1"] = "fraud",
            ["ModelWatch:Models:fraud:Quality:ClassNames:2"] = "review",
            ["ModelWatch:Models:fraud:Quality:ConceptDrift"] = "pagehinkley",
            ["ModelWatch:Models:fraud:Quality:MaxPendingPredictions"] = "1234",
            ["ModelWatch:Models:fraud:Quality:Thresholds:0:Metric"] = "f1",
            ["ModelWatch:Models:fraud:Quality:Thresholds:0:Minimum"] = "0.5",
        });

        var o = provider.GetRequiredService<IOptionsMonitor<ModelOptions>>().Get("fraud");
        Assert.Equal(PredictionKind.Categorical, o.Prediction);
        Assert.Equal([FeatureKind.Numeric, FeatureKind.Categorical], o.Features.Select(f => f.Kind));
        Assert.Equal(["legit", "fraud", "review"], o.Quality.ClassNames);
        Assert.Equal(WindowKind.Count, o.Window.Kind);
        Assert.Equal(1_000, o.Window.SizeInPredictions);
        Assert.Equal(100, o.Window.SubWindowSizeInPredictions);
        Assert.Equal(TimeSpan.FromMinutes(30), o.Window.Duration);
        Assert.Equal(TimeSpan.FromMinutes(5), o.Window.SubWindowDuration);
        Assert.Equal(7, o.Window.HistoryWindows);
        Assert.Equal(ReferenceSource.FirstPredictions, o.Reference.Source);
        Assert.Equal(500, o.Reference.SizeInPredictions);
        Assert.Equal(3, o.Alerts.RaiseAfterWindows);
        Assert.Equal(4, o.Alerts.ClearAfterWindows);
        Assert.Equal(MultipleTestingCorrection.BenjaminiHochberg, o.Drift.Correction);
        Assert.Equal(DriftDetectorKind.Wasserstein, o.Drift.Features["amount"].Detector);
        Assert.Equal(ModelTask.MulticlassClassification, o.Quality.Task);
        Assert.Equal(ConceptDriftDetector.PageHinkley, o.Quality.ConceptDrift);
        Assert.Equal(1_234, o.Quality.MaxPendingPredictions);
        Assert.Equal(QualityMetric.F1, Assert.Single(o.Quality.Thresholds).Metric);
        Assert.Equal(12, provider.GetRequiredService<IOptions<ModelWatchOptions>>().Value.WindowProfileMaxCount);

        var monitor = provider.GetRequiredService<IModelWatch>().GetMonitor("fraud");
        Assert.Equal(["country"], monitor.Schema.CategoricalFeatures.ToArray());
        Assert.Equal(PredictionKind.Categorical, monitor.Schema.Prediction);
    }

    [Theory]
    [InlineData("Ks", DriftDetectorKind.KolmogorovSmirnov)]
    [InlineData("KS", DriftDetectorKind.KolmogorovSmirnov)]
    [InlineData("kolmogorovsmirnov", DriftDetectorKind.KolmogorovSmirnov)]
    [InlineData("Psi", DriftDetectorKind.PopulationStabilityIndex)]
    [InlineData("PSI", DriftDetectorKind.PopulationStabilityIndex)]
    [InlineData("PopulationStabilityIndex", DriftDetectorKind.PopulationStabilityIndex)]
    [InlineData("ChiSquared", DriftDetectorKind.ChiSquared)]
    [InlineData("jensenshannon", DriftDetectorKind.JensenShannon)]
    [InlineData("Wasserstein", DriftDetectorKind.Wasserstein)]
    public void AddModelWatch_DetectorNames_BindInAnyCaseWithTheDocumentedShortNames(string name, DriftDetectorKind expected)
    {
        using var provider = Provider(new(Model("m"))
        {
            ["ModelWatch:Models:m:Drift:Features:f0:Detector"] = name,
        });

        var o = provider.GetRequiredService<IOptionsMonitor<ModelOptions>>().Get("m");
        Assert.Equal(expected, o.Drift.Features["f0"].Detector);
    }

    [Theory]
    [InlineData("Chi2")]
    [InlineData("JS")]
    [InlineData("Kolmogorov")]
    public void AddModelWatch_UnknownDetectorName_IsAClearError(string name)
    {
        using var provider = Provider(new(Model("m"))
        {
            ["ModelWatch:Models:m:Drift:Features:f0:Detector"] = name,
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelWatch>().Models);
        Assert.Equal(
            $"Model 'm': '{name}' at ModelWatch:Models:m:Drift:Features:f0:Detector is not a DriftDetectorKind (expected KolmogorovSmirnov (Ks), PopulationStabilityIndex (Psi), ChiSquared, JensenShannon or Wasserstein).",
            Assert.Single(error.Failures));
    }

    [Theory]
    [InlineData("Window:Length", "00:10:00", "WindowOptions", "Length")]
    [InlineData("Window:SubWindowLength", "00:10:00", "WindowOptions", "SubWindowLength")]
    [InlineData("Window:Size", "100", "WindowOptions", "Size")]
    [InlineData("Window:SubWindowSize", "100", "WindowOptions", "SubWindowSize")]
    [InlineData("Window:History", "10", "WindowOptions", "History")]
    [InlineData("Alerts:RaiseAfter", "1", "AlertOptions", "RaiseAfter")]
    [InlineData("Alerts:ClearAfter", "1", "AlertOptions", "ClearAfter")]
    [InlineData("Reference:Size", "100", "ReferenceOptions", "Size")]
    [InlineData("Quality:PendingCapacity", "100", "QualityOptions", "PendingCapacity")]
    [InlineData("Windw:Kind", "Count", "ModelOptions", "Windw")]
    public void AddModelWatch_KeyThatIsNoSetting_IsReportedInsteadOfIgnored(string key, string value, string type, string setting)
    {
        using var provider = Provider(new(Model("m"))
        {
            ["ModelWatch:Models:m:" + key] = value,
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelWatch>().Models);
        Assert.StartsWith($"Model 'm': {type} has no setting '{setting}'", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void AddModelWatch_NumberThatNamesNoEnumMember_IsAValidationProblem()
    {
        // The binder takes digits as the enum's underlying value; the validator refuses undefined ones.
        using var provider = Provider(new(Model("m"))
        {
            ["ModelWatch:Models:m:Window:Kind"] = "7",
            ["ModelWatch:Models:m:Prediction"] = "1",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelWatch>().Models);
        Assert.Equal("Model 'm': Unknown window kind '7' (expected Time or Count).", Assert.Single(error.Failures));
    }

    [Fact]
    public void AddModelWatch_MalformedValues_AreReportedWithTheirKeys()
    {
        using var provider = Provider(new(Model("m"))
        {
            ["ModelWatch:EvaluationInterval"] = "soon",
            ["ModelWatch:Models:m:Window:Duration"] = "an hour",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelWatch>().Models);
        Assert.Equal(
            ["'soon' at ModelWatch:EvaluationInterval is not a valid TimeSpan.", "Model 'm': 'an hour' at ModelWatch:Models:m:Window:Duration is not a valid TimeSpan."],
            error.Failures);
    }

    [Fact]
    public async Task StartAsync_BadEnumValuesInConfiguration_AreReportedWithEveryOtherProblemInOneException()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(Model("kind"))
        {
            ["ModelWatch:EvaluationInterval"] = "00:00:00",
            ["ModelWatch:Models:kind:Features:0:Kind"] = "Numerc",
            ["ModelWatch:Models:window:Features:0:Name"] = "f0",
            ["ModelWatch:Models:window:Window:Kind"] = "Hourly",
            ["ModelWatch:Models:renamed:Features:0:Name"] = "f0",
            ["ModelWatch:Models:renamed:Window:Size"] = "100",
            ["ModelWatch:Models:order:Features:0:Name"] = "f0",
            ["ModelWatch:Models:order:Reference:Source"] = "FirstPeriod",
            ["ModelWatch:Models:order:Window:Duration"] = "00:01:00",
            ["ModelWatch:Models:order:Window:SubWindowDuration"] = "00:05:00",
        });
        builder.Services.AddModelWatch(builder.Configuration.GetSection("ModelWatch"))
            .AddModel("empty", m => m.ReferenceFromFirstPredictions(10))
            .AddModel("code", m => m.Numeric("f0").ReferenceFromFirstPredictions(10).Prediction((PredictionKind)42));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        string all = string.Join("\n", error.Failures);
        Assert.Contains("Model 'kind': 'Numerc' at ModelWatch:Models:kind:Features:0:Kind is not a FeatureKind (expected Numeric or Categorical).", all, StringComparison.Ordinal);
        Assert.Contains("Model 'window': 'Hourly' at ModelWatch:Models:window:Window:Kind is not a WindowKind (expected Time or Count).", all, StringComparison.Ordinal);
        Assert.Contains("Model 'renamed': WindowOptions has no setting 'Size'", all, StringComparison.Ordinal);
        Assert.Contains("Model 'order': The window (00:01:00) is shorter than its sub-window (00:05:00).", all, StringComparison.Ordinal);
        Assert.Contains("Model 'empty': The schema is empty", all, StringComparison.Ordinal);
        Assert.Contains("Model 'code': Unknown prediction kind '42'", all, StringComparison.Ordinal);
        Assert.Contains("EvaluationInterval", all, StringComparison.Ordinal);
    }

    /// <summary>A valid model: one numeric feature f0, its reference from the first predictions.</summary>
    private static Dictionary<string, string?> Model(string name) => new()
    {
        [$"ModelWatch:Models:{name}:Features:0:Name"] = "f0",
        [$"ModelWatch:Models:{name}:Reference:Source"] = "FirstPredictions",
    };

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddModelWatch(configuration.GetSection("ModelWatch"));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

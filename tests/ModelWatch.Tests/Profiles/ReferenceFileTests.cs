using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;
using ModelWatch.Profiles;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Profiles;

/// <summary>References loaded from profile files, in code and from configuration, and what happens when the file is bad.</summary>
public sealed class ReferenceFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-ref-" + Guid.NewGuid().ToString("N"));

    public ReferenceFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string SaveReference()
    {
        var builder = new ProfileBuilder(["amount"], ["country"]);
        var rng = new SplitMix64(1);
        for (int i = 0; i < 5_000; i++)
        {
            builder.Add([rng.NextNormal()], [i % 2 == 0 ? "DE" : "FR"]);
        }

        string path = Path.Combine(_folder, "fraud.mwp");
        ProfileFile.Save(builder.Build(ProfileKind.Reference), path);
        return path;
    }

    [Fact]
    public async Task ReferenceFromFile_InCode_FreezesTheProfileAndDetectsDrift()
    {
        string path = SaveReference();
        var (services, watch, time) = TestModels.Create(m => m.Numeric("amount").Categorical("country").Prediction(PredictionKind.None).Reference(path));
        using var _ = services;
        Assert.True(Assert.Single(watch.Models).HasReference);

        var monitor = watch.GetMonitor("m");
        var rng = new SplitMix64(2);
        for (int i = 0; i < 2_000; i++)
        {
            monitor.Log([rng.NextNormal() + 1], ["DE"], 0);
        }

        time.Advance(TimeSpan.FromHours(1));
        var report = (await watch.EvaluateAsync()).First(r => r.IsComplete);
        Assert.True(report.Features.Single(f => f.Name == "amount").IsDrift);
        Assert.True(report.Features.Single(f => f.Name == "country").IsDrift);
    }

    [Fact]
    public void ReferenceFromFile_FromConfiguration()
    {
        string path = SaveReference();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelWatch:Models:fraud:Features:0:Name"] = "amount",
            ["ModelWatch:Models:fraud:Features:1:Name"] = "country",
            ["ModelWatch:Models:fraud:Features:1:Kind"] = "Categorical",
            ["ModelWatch:Models:fraud:Prediction"] = "None",
            ["ModelWatch:Models:fraud:Reference:Path"] = path,
        }).Build();
        var services = new ServiceCollection();
        services.AddModelWatch(configuration.GetSection("ModelWatch"));
        using var provider = services.BuildServiceProvider();
        Assert.True(Assert.Single(provider.GetRequiredService<IModelWatch>().Models).HasReference);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("corrupt")]
    public void BadReferenceFile_IsLoggedWithItsPath_AndTheHostStarts(string problem)
    {
        string path = Path.Combine(_folder, "bad.mwp");
        if (problem == "corrupt")
        {
            File.WriteAllText(path, "{\"format\":\"modelwatch-profile\",\"formatVersion\":1,\"kind\":\"Refer");
        }

        var collector = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)));
        services.AddModelWatch().AddModel("m", m => m.Numeric("amount").Prediction(PredictionKind.None).Reference(path));
        using var provider = services.BuildServiceProvider();

        var watch = provider.GetRequiredService<IModelWatch>();
        Assert.False(Assert.Single(watch.Models).HasReference);
        watch.GetMonitor("m").Log([1.0], 0); // logging still works
        var error = Assert.Single(collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadReferenceFile_InStrictMode_StopsTheHost()
    {
        var services = new ServiceCollection();
        services.AddModelWatch().AddModel("m", m => m.Numeric("amount").Prediction(PredictionKind.None).Reference(Path.Combine(_folder, "none.mwp")).Configure(o => o.Strict = true));
        using var provider = services.BuildServiceProvider();
        Assert.Throws<FileNotFoundException>(() => provider.GetRequiredService<IModelWatch>().Models);
    }

    [Fact]
    public void NoReferenceAtAll_IsStillAConfigurationError()
    {
        var services = new ServiceCollection();
        services.AddModelWatch().AddModel("m", m => m.Numeric("amount"));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelWatch>().Models);
        Assert.Contains("Reference:Path", error.Message, StringComparison.Ordinal);
    }
}

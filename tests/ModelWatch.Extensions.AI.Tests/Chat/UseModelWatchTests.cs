using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelWatch.Extensions.AI.Tests.TestSupport;
using ModelWatch.Monitoring;

namespace ModelWatch.Extensions.AI.Tests.Chat;

public class UseModelWatchTests
{
    private static ServiceProvider Services(Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddModelWatch();
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static IChatClient Pipeline(IServiceProvider services, bool drifted, Action<ModelWatchChatOptions>? configure = null) =>
        new ScriptedChatClient(q => ScriptedChatClient.WithUsage(q, ChatScripts.Answer(new Random(drifted ? 2 : 1), drifted)))
            .AsBuilder()
            .UseModelWatch("support-bot", o =>
            {
                o.ConfigureModel = m => m.ReferenceFromFirstPredictions(300).WindowByCount(300).Configure(x => x.Alerts.RaiseAfterWindows = 1);
                configure?.Invoke(o);
            })
            .Build(services);

    [Fact]
    public async Task UseModelWatch_AnswersChange_DescriptorsDriftAndAnAlertIsRaised()
    {
        await using var services = Services();
        var watch = services.GetRequiredService<IModelWatch>();
        var random = new Random(12); // a seed whose same-behaviour window passes KS at 5 % (seed 11's is a p = 0.001 false alarm)
        int phase = 0;
        var scripted = new ScriptedChatClient(q => ScriptedChatClient.WithUsage(q, ChatScripts.Answer(random, drifted: phase == 2)));
        var client = scripted.AsBuilder()
            .UseModelWatch("support-bot", o => o.ConfigureModel = m => m.ReferenceFromFirstPredictions(300).WindowByCount(300).Configure(x => x.Alerts.RaiseAfterWindows = 1))
            .Build(services);

        for (phase = 0; phase < 3; phase++)
        {
            for (int i = 0; i < 300; i++)
            {
                await client.GetResponseAsync(ChatScripts.Question(random));
            }

            await watch.EvaluateAsync();
        }

        var history = watch.GetHistory("support-bot");
        var same = history[^2];
        var changed = history[^1];
        Assert.False(Feature(same, ChatDescriptorNames.ResponseCharacters).IsDrift);
        Assert.False(Feature(same, ChatDescriptorNames.Refusal).IsDrift);
        Assert.True(Feature(changed, ChatDescriptorNames.ResponseCharacters).IsDrift);
        Assert.True(Feature(changed, ChatDescriptorNames.ResponseWords).IsDrift);
        Assert.True(Feature(changed, ChatDescriptorNames.Refusal).IsDrift);
        Assert.True(watch.IsAlertActive("support-bot"));
    }

    [Fact]
    public void UseModelWatch_WithoutAddModelWatch_FailsWhenBuiltWithAClearMessage()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var builder = new ScriptedChatClient(_ => ScriptedChatClient.Text("x")).AsBuilder().UseModelWatch("support-bot");

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build(services));

        Assert.Contains("AddModelWatch()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseModelWatch_ModelExistsWithOtherFeatures_FailsWhenBuilt()
    {
        using var services = Services(s => s.AddModelWatch().AddModel("support-bot", m => m.Numeric("latency").ReferenceFromFirstPredictions(10)));
        var builder = new ScriptedChatClient(_ => ScriptedChatClient.Text("x")).AsBuilder().UseModelWatch("support-bot");

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build(services));

        Assert.Contains("other features", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseModelWatch_ProviderWithoutUsageAndTokenCountsOff_BuildsTheReference()
    {
        await using var services = Services();
        var random = new Random(3);
        var client = new ScriptedChatClient(_ => ScriptedChatClient.Text(ChatScripts.Answer(random, drifted: false)))
            .AsBuilder()
            .UseModelWatch("local-model", o =>
            {
                o.LogTokenCounts = false;
                o.ConfigureModel = m => m.ReferenceFromFirstPredictions(20).WindowByCount(20);
            })
            .Build(services);
        var watch = services.GetRequiredService<IModelWatch>();

        for (int i = 0; i < 20; i++)
        {
            await client.GetResponseAsync(ChatScripts.Question(random));
        }

        await watch.EvaluateAsync();

        Assert.True(Assert.Single(watch.Models, m => m.Name == "local-model").HasReference);
        Assert.DoesNotContain(ChatDescriptorNames.InputTokens, watch.GetMonitor("local-model").Schema.NumericFeatures);
    }

    [Fact]
    public void UseModelWatch_DuplicateDescriptorName_FailsWhenBuilt()
    {
        using var services = Services();
        var builder = new ScriptedChatClient(_ => ScriptedChatClient.Text("x")).AsBuilder()
            .UseModelWatch("support-bot", o => o.AddDescriptor(ChatDescriptorNames.ResponseWords, _ => 1));

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build(services));

        Assert.Contains("used twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseModelWatch_TwoPipelinesOneModel_ShareTheMonitor()
    {
        await using var services = Services();
        var first = Pipeline(services, drifted: false);
        var second = Pipeline(services, drifted: false);

        await first.GetResponseAsync(ChatScripts.Question(new Random(1)));
        await second.GetResponseAsync(ChatScripts.Question(new Random(1)));

        var watch = services.GetRequiredService<IModelWatch>();
        await watch.EvaluateAsync();
        Assert.Single(watch.Models, m => m.Name == "support-bot");
        Assert.Equal(2, watch.GetLatestReport("support-bot")?.Predictions);
    }

    [Fact]
    public async Task UseModelWatch_NoPromptOrResponseTextIsStoredAnywhere()
    {
        const string Secret = "Zqxj7781Secret";
        string folder = Path.Combine(Path.GetTempPath(), "modelwatch-ai-privacy-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var services = Services(s => s.AddModelWatch().UseFileStore(folder)))
            {
                foreach (var hosted in services.GetServices<IHostedService>())
                {
                    await hosted.StartAsync(CancellationToken.None);
                }

                var random = new Random(5);
                var client = new ScriptedChatClient(q => ScriptedChatClient.WithUsage(q, ChatScripts.Answer(random, drifted: false, marker: Secret)))
                    .AsBuilder()
                    .UseModelWatch("support-bot", o => o.ConfigureModel = m => m.ReferenceFromFirstPredictions(50).WindowByCount(50).KeepWindowProfiles())
                    .Build(services);
                for (int i = 0; i < 150; i++)
                {
                    var question = ChatScripts.Question(random, Secret);
                    if (i % 2 == 0)
                    {
                        await client.GetResponseAsync(question);
                    }
                    else
                    {
                        await client.GetStreamingResponseAsync(question).ToListAsync();
                    }
                }

                var watch = services.GetRequiredService<IModelWatch>();
                await watch.EvaluateAsync();
                foreach (var hosted in services.GetServices<IHostedService>().Reverse())
                {
                    await hosted.StopAsync(CancellationToken.None); // the final snapshot and window profiles are written here
                }

                string reports = JsonSerializer.Serialize(watch.GetHistory("support-bot")) + JsonSerializer.Serialize(watch.GetLatestReport("support-bot"));
                Assert.DoesNotContain(Secret, reports, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("response.characters", reports, StringComparison.Ordinal);
            }

            var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
            Assert.NotEmpty(files);
            foreach (string file in files)
            {
                string content = await File.ReadAllTextAsync(file);
                Assert.DoesNotContain(Secret, content, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("station", content, StringComparison.OrdinalIgnoreCase); // no word of any prompt or answer either
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static FeatureDriftReport Feature(DriftReport report, string name) => Assert.Single(report.Features, f => f.Name == name);
}

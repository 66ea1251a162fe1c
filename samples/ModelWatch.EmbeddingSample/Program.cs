using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.EmbeddingSample;
using ModelWatch.Extensions.AI;
using ModelWatch.Monitoring;

// Embedding drift on real text: queries embedded by all-MiniLM-L6-v2 and watched by ModelWatch. The
// reference is 150 fortunes about computers; then come 150 more about computers (the same topic), then
// 150 about food (the users' questions moved). See README.md.
//   apt-get install -y fortunes
//   dotnet run --project samples/ModelWatch.EmbeddingSample [-- --window 150]
int window = args.Length > 1 && args[0] == "--window" && int.TryParse(args[1], out int w) ? w : 150;
var computers = FortuneCorpus.Load("computers", seed: 1);
var food = FortuneCorpus.Load("food", seed: 1);

var services = new ServiceCollection();
services.AddLogging();
services.AddModelWatch();
services.AddEmbeddingGenerator(new MiniLmEmbeddingGenerator())
    .UseModelWatch("search-embeddings", o =>
    {
        o.ReferenceSize = window;
        o.SampleSize = window;
        o.ConfigureModel = m => m.WindowByCount(window);
    });
await using var provider = services.BuildServiceProvider();
var watch = provider.GetRequiredService<IModelWatch>();
var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
var embeddings = watch.GetEmbeddingMonitor("search-embeddings");

string[][] phases = [computers[..window], computers[window..(2 * window)], food[..window]];
string[] names = ["reference (computers)", "same topic (computers)", "topic switch (food)"];
for (int p = 0; p < phases.Length; p++)
{
    foreach (var batch in phases[p].Chunk(10))
    {
        await generator.GenerateAsync(batch);
    }

    await watch.EvaluateAsync();
    await embeddings.WhenEvaluatedAsync();
    if (p == 0)
    {
        Console.WriteLine($"{names[p]}: {window} queries embedded");
        continue;
    }

    var report = embeddings.LatestReport!;
    var model = watch.GetHistory("search-embeddings")[^1];
    Console.WriteLine($"{names[p]}: {(report.IsDrift ? "DRIFT" : "no drift")}");
    Console.WriteLine($"  domain classifier AUC {report.ClassifierAuc:F3} (threshold {report.ClassifierThreshold:F3})");
    Console.WriteLine($"  mean-vector distance {report.MeanDistance:F3} (threshold 0.2){(report.IsMeanDistanceDrift ? " DRIFT" : "")}");
    Console.WriteLine($"  MMD² {report.Mmd2:F4} (threshold 0.015){(report.IsMmdDrift ? " DRIFT" : "")}");
    Console.WriteLine($"  share of drifted components {model.Dataset?.DriftedShare:P0} of {model.Features.Length}{(model.IsDrift ? " DRIFT" : "")}");
}

return 0;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelWatch.Monitoring;
using ModelWatch.RetrainingSample;

// Replays two weeks of hourly traffic for a small model whose inputs drift in the second week, and
// shows a retraining request file appearing once the drift is sustained.
var folder = new RequestFolder(args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "modelwatch-retraining-requests"));
var random = new Random(42);
double Normal() => Enumerable.Range(0, 12).Sum(_ => random.NextDouble()) - 6;

var training = new ReferenceProfileBuilder(new ModelSchema(["temperature", "load"]));
for (int i = 0; i < 5_000; i++)
{
    training.Add([20 + 5 * Normal(), 100 + 10 * Normal()], 0.3 + 0.1 * Normal());
}

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSingleton(folder);
builder.Services.AddModelWatch()
    .AddModel("cooling", m => m.Numeric("temperature", "load").Reference(training.Build()).Window(TimeSpan.FromDays(1)))
    .AddRetrainingTrigger<RetrainingRequestFileWriter>();
using var host = builder.Build();
var watch = host.Services.GetRequiredService<IModelWatch>();
var monitor = watch.GetMonitor("cooling");

var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
for (int hour = 0; hour < 24 * 14; hour++)
{
    double shift = hour >= 24 * 7 ? 6 : 0; // a heat wave in the second week
    for (int i = 0; i < 20; i++)
    {
        monitor.Log([20 + shift + 5 * Normal(), 100 + 10 * Normal()], [], 0.3 + 0.1 * Normal(), start.AddHours(hour).AddMinutes(i * 3));
    }
}

foreach (var report in (await watch.EvaluateAsync()).Where(r => r.IsComplete))
{
    Console.WriteLine($"{report.WindowStart:yyyy-MM-dd}: {(report.IsDrift ? "DRIFT" : "ok   ")} {string.Join(", ", report.Features.Select(f => $"{f.Name} {f.Verdict?.Detector}={f.Verdict?.Statistic:F3}"))}");
}

// The trigger runs in the background; give it a moment, then show what it wrote.
for (int i = 0; i < 50 && (!Directory.Exists(folder.Path) || Directory.GetFiles(folder.Path).Length == 0); i++)
{
    await Task.Delay(100);
}

foreach (string file in Directory.Exists(folder.Path) ? Directory.GetFiles(folder.Path) : [])
{
    Console.WriteLine($"\n{file}:\n{await File.ReadAllTextAsync(file)}");
}

using System.Globalization;
using Microsoft.Extensions.AI;
using ModelWatch.ChatSample;
using ModelWatch.Monitoring;
using OpenTelemetry.Metrics;

// A support bot answered by a deterministic local IChatClient and watched by ModelWatch: see README.md.
//   dotnet run --project samples/ModelWatch.ChatSample -- --urls http://127.0.0.1:5090 [--change-after 600]
//   dotnet run --project samples/ModelWatch.ChatSample -- --simulate http://127.0.0.1:5090 [--calls 900] [--seed 1]
if (args.Contains("--simulate"))
{
    return await Simulator.RunAsync(args);
}

// The bot answers well for 600 calls, then changes character (longer answers, refusals, broken JSON).
// ModelWatch's reference is the first 300 calls; each window holds 300 more.
int changeAfter = Program.Option(args, "--change-after", 600);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.Services.AddModelWatch(builder.Configuration.GetSection("ModelWatch"))
    .AddAlertHandler<ConsoleAlertHandler>();
builder.Services.AddChatClient(new SupportBotClient(changeAfter))
    .UseOpenTelemetry()                 // token usage, durations (GenAI semantic conventions)
    .UseModelWatch("support-bot", o => o.ConfigureModel = m => m   // descriptor distributions and drift
        .ReferenceFromFirstPredictions(300)
        .WindowByCount(300)
        .Configure(x => x.Alerts.RaiseAfterWindows = 1));
builder.Services.AddHealthChecks().AddModelWatch();
builder.Services.AddOpenTelemetry().WithMetrics(m => m
    .AddMeter(ModelWatchMeter.Name, "Experimental.Microsoft.Extensions.AI")
    .AddPrometheusExporter());

var app = builder.Build();

app.MapPost("/ask", async (AskRequest request, IChatClient chat, CancellationToken cancellationToken) =>
{
    var response = await chat.GetResponseAsync(request.Question ?? "", cancellationToken: cancellationToken);
    return TypedResults.Ok(new AskResponse(response.Text));
});

app.MapHealthChecks("/health");

// The dashboard shows model statistics: in production protect it, e.g. .RequireAuthorization("ops").
app.MapModelWatch("/modelwatch");
app.MapPrometheusScrapingEndpoint();

await app.RunAsync();
return 0;

/// <summary>The question a user asks.</summary>
internal sealed record AskRequest(string? Question);

/// <summary>The bot's answer.</summary>
internal sealed record AskResponse(string Answer);

/// <summary>Prints each drift alert: what an operator would be paged with.</summary>
internal sealed class ConsoleAlertHandler : IDriftAlertHandler
{
    public Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken)
    {
        Console.WriteLine($"ALERT {alert.Report.ModelName}: descriptors drifted: {string.Join(", ", alert.DriftedFeatures)}");
        return Task.CompletedTask;
    }
}

/// <summary>The command line's integer options.</summary>
internal static partial class Program
{
    public static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModelWatch.Monitoring;
using ModelWatch.SampleApi;
using ModelWatch.Samples;
using ModelWatch.Storage.S3;
using OpenTelemetry.Metrics;

// A weather classifier served by a minimal API and watched by ModelWatch: see README.md.
//   dotnet run --project samples/ModelWatch.SampleApi -- --urls http://127.0.0.1:5080
//   dotnet run --project samples/ModelWatch.SampleApi -- --simulate http://127.0.0.1:5080 [--normal N] [--drifted N] [--seed S]
if (args.Contains("--simulate"))
{
    return await Simulator.RunAsync(args);
}

// The model: trained at start-up on 2012-2013, which is also the monitor's reference (2,000 steps
// rather than the demo's 3,000 keep the start-up short).
var days = WeatherDay.Load();
var training = days.Where(ReferencePeriod.Contains).ToList();
var model = SoftmaxRegression.Train([.. training.Select(d => d.Features)], [.. training.Select(d => d.Label)], WeatherDay.Classes.Length, steps: 2_000);
var reference = new ReferenceProfileBuilder(new ModelSchema(WeatherDay.FeatureNames, prediction: PredictionKind.Categorical));
foreach (var d in training)
{
    reference.Add(d.Features, model.PredictClass(d.Features));
}

// The content root is the program's folder, so appsettings.json and the data are found from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// Global settings (EvaluationInterval) from "ModelWatch", the model's windows and drift settings from "WeatherModel".
var modelWatch = builder.Services.AddModelWatch(builder.Configuration.GetSection("ModelWatch"))
    .AddModel("weather", m => m
        .Numeric(WeatherDay.FeatureNames)
        .MulticlassClassification(WeatherDay.Classes.Length)
        .ClassNames(WeatherDay.Classes)
        .Reference(reference.Build())
        .Configure(o => builder.Configuration.GetSection("WeatherModel").Bind(o)));

// Replicas behind a load balancer share one store: with a "Store:S3" section (Bucket, Prefix, ServiceUrl …;
// credentials from the AWS SDK's chain) each keeps its snapshots and closed windows' profiles there, under
// its own ModelWatch:ReplicaId, and `modelwatch merge` or ListWindowProfilesAsync merges them.
if (builder.Configuration.GetSection("Store:S3") is { } s3 && s3.Exists())
{
    modelWatch.UseS3Store(s3);
}
builder.Services.AddHealthChecks().AddModelWatch();
builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(ModelWatchMeter.Name).AddPrometheusExporter());

var app = builder.Build();

app.MapPost("/predict", Results<Ok<WeatherResponse>, ValidationProblem> (WeatherRequest request) =>
    {
        if (request is not { Precipitation: { } precipitation, TempMax: { } tempMax, TempMin: { } tempMin, Wind: { } wind })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["precipitation, temp_max, temp_min and wind are required."] });
        }

        int weather = model.PredictClass([precipitation, tempMax, tempMin, wind], out double probability);
        return TypedResults.Ok(new WeatherResponse(WeatherDay.Classes[weather], Math.Round(probability, 2)));
    })
    .WithModelWatch<WeatherRequest, WeatherResponse>(
        "weather",
        (request, features, _) =>
        {
            features[0] = request.Precipitation ?? double.NaN;
            features[1] = request.TempMax ?? double.NaN;
            features[2] = request.TempMin ?? double.NaN;
            features[3] = request.Wind ?? double.NaN;
        },
        response => Array.IndexOf(WeatherDay.Classes, response.Weather));

app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });

// The dashboard shows model statistics: in production protect it, e.g. .RequireAuthorization("ops").
app.MapModelWatch("/modelwatch");
app.MapPrometheusScrapingEndpoint();

await app.RunAsync();
return 0;

// {"status":"Degraded","description":...,"entries":{"modelwatch":{"status":...,"description":...,"data":{"weather":{...}}}}}
static Task WriteHealthAsync(HttpContext context, HealthReport report)
{
    var body = new
    {
        status = report.Status.ToString(),
        entries = report.Entries.ToDictionary(
            e => e.Key,
            e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
    };
    context.Response.ContentType = "application/json; charset=utf-8";
    return context.Response.WriteAsync(JsonSerializer.Serialize(body));
}

using ModelWatch.Monitoring;

// The reference: what the model was trained on, profiled once at start-up. Here 5,000 synthetic
// transactions (deterministic); in your app, the training rows.
var schema = new ModelSchema(numericFeatures: ["amount", "age"], categoricalFeatures: ["country"]);
var reference = new ReferenceProfileBuilder(schema);
var random = new Random(42);
for (int i = 0; i < 5_000; i++)
{
    var row = new Transaction(Amount: 20 + random.Next(200), Age: 18 + random.Next(60), Country: FraudModel.Countries[random.Next(4)]);
    reference.Add([row.Amount, row.Age], [row.Country], FraudModel.Score(row));
}

var builder = WebApplication.CreateBuilder(args);

// Short settings, so that drift, an alert and a Degraded health check show within a minute. The
// defaults suit production: an evaluation every minute, one-hour windows, an alert after two drifted windows.
builder.Services.AddModelWatch(o => o.EvaluationInterval = TimeSpan.FromSeconds(2))
    .AddModel("fraud", m => m
        .Version("3")
        .Numeric("amount", "age").Categorical("country")
        .Reference(reference.Build())
        .WindowByCount(100)
        .Configure(o => o.Alerts.RaiseAfterWindows = 1));
builder.Services.AddHealthChecks().AddModelWatch();   // Healthy; Degraded on a drift alert; Unhealthy on a quality alert

var app = builder.Build();
var fraud = app.Services.GetRequiredService<IModelWatch>().GetMonitor("fraud"); // resolve once, keep it

app.MapPost("/score", (Transaction t) =>
{
    double score = FraudModel.Score(t);
    fraud.Log([t.Amount, t.Age], [t.Country], score);   // ~100 ns, allocates nothing, never throws
    return new { score };
});
app.MapHealthChecks("/health");
app.MapModelWatch("/modelwatch");   // dashboard + JSON API; in production put it behind .RequireAuthorization(...)
app.Run();

sealed record Transaction(double Amount, double Age, string Country);

// The model: a logistic score, the probability that a transaction is fraud.
static class FraudModel
{
    public static readonly string[] Countries = ["DE", "FR", "GB", "US"];

    public static double Score(Transaction t)
    {
        double z = -4.0 + (0.015 * t.Amount) - (0.02 * (t.Age - 18)) + (t.Country == "US" ? 0.5 : 0.0);
        return 1.0 / (1.0 + Math.Exp(-z));
    }
}

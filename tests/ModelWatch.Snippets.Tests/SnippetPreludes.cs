namespace ModelWatch.Snippets.Tests;

/// <summary>
/// The programs a partial snippet (<c>&lt;!-- snippet: partial NAME --&gt;</c>) is compiled inside:
/// the usings and variables its page's prose implies, so that the snippet's own lines compile as
/// written and nothing of ModelWatch is stubbed.
/// </summary>
/// <param name="Usings">Using directives, placed after the snippet's own leading usings.</param>
/// <param name="Statements">Top-level statements before the snippet's lines (the variables it uses).</param>
/// <param name="Types">Type declarations after them.</param>
public sealed record SnippetPrelude(string Usings, string Statements, string Types)
{
    /// <summary>Gets the file a <c>quickstart</c> prelude is cut from.</summary>
    public const string QuickStartFile = "samples/ModelWatch.QuickStart/Program.cs";

    /// <summary>Finds a prelude by name.</summary>
    /// <param name="name">The name in the marker.</param>
    /// <returns>The prelude, or null when there is none of that name.</returns>
    public static SnippetPrelude? Find(string name) => name switch
    {
        // A web app's Program.cs up to the service registrations: `builder` in scope.
        "web-builder" => new("", "var builder = WebApplication.CreateBuilder(args);", ""),

        // The same, and `profile`, a reference profile (docs/quality.md declares a model with it).
        "web-builder-profile" => new(
            "using ModelWatch.Monitoring;",
            """
            var builder = WebApplication.CreateBuilder(args);
            ReferenceProfile profile = ModelWatch.Profiles.ProfileFile.Load("ref/fraud.mwp").ToReference();
            """,
            ""),

        // The Quick start with the lines from its health-check registration to app.Run() replaced by
        // the snippet: `builder` (ModelWatch and the model "fraud" registered), Transaction, FraudModel.
        "quickstart" => QuickStart(),

        // A monitor and one prediction's values (docs/quality.md, "The outcome join").
        "monitor" => new(
            "using ModelWatch.Monitoring;",
            """
            IModelMonitor monitor = WebApplication.Create().Services.GetRequiredService<IModelWatch>().GetMonitor("fraud");
            var transaction = new Transaction("tx-1", 120.0, 37.0, "DE");
            double[] features = [transaction.Amount, transaction.Age];
            string?[] categories = [transaction.Country];
            double score = 0.12;
            """,
            "sealed record Transaction(string Id, double Amount, double Age, string Country);"),

        // A segmented model's registration and logging (docs/segments.md): the builder, a monitor, the host's IModelWatch, one row.
        "segments" => new(
            "using ModelWatch.Monitoring;",
            """
            var builder = new ServiceCollection().AddModelWatch();
            IModelWatch watch = WebApplication.Create().Services.GetRequiredService<IModelWatch>();
            IModelMonitor monitor = watch.GetMonitor("fraud");
            double[] features = [120.0, 37.0];
            string?[] categories = ["DE", "phone"];
            double score = 0.12;
            string tenantId = "tenant-7";
            """,
            ""),

        // Two samples and binned counts (docs/detectors-ks.md).
        "ks-samples" => new(
            "",
            """
            double[] reference = [0.1, 0.4, 0.35, 0.8, 0.9];
            double[] current = [0.5, 0.7, 0.75, 0.95];
            long[] referenceCounts = [10, 20, 30, 40];
            long[] currentCounts = [5, 15, 40, 40];
            """,
            ""),

        // Training rows and a current profile (docs/profiles.md).
        "training-rows" => new(
            "using ModelWatch.Profiles;",
            """
            Row[] trainingRows = [new(120.0, 37.0, "DE"), new(18.5, 52.0, "FR")];
            Profile currentProfile = ProfileFile.Load("today.mwp");
            """,
            "sealed record Row(double Amount, double Age, string Country);"),

        // A web app with an ML.NET prediction engine and an ONNX Runtime session of the same weather model (README, "Integrations").
        "model-integrations" => new(
            """
            using Microsoft.ML;
            using Microsoft.ML.Data;
            using Microsoft.ML.OnnxRuntime;
            using ModelWatch.Monitoring;
            """,
            """
            var builder = WebApplication.CreateBuilder(args);
            ReferenceProfile reference = ModelWatch.Profiles.ProfileFile.Load("ref/weather.mwp").ToReference();
            var ml = new MLContext(seed: 1);
            PredictionEngine<WeatherInput, WeatherOutput> engine = ml.Model.CreatePredictionEngine<WeatherInput, WeatherOutput>(ml.Model.Load("weather.zip", out _));
            using var session = new InferenceSession("weather.onnx");
            var input = new WeatherInput { Precipitation = 0.5f, TempMax = 14.2f, TempMin = 6.1f, Wind = 3.9f };
            NamedOnnxValue[] inputs = [NamedOnnxValue.CreateFromTensor("features", new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(new float[] { 0.5f, 14.2f, 6.1f, 3.9f }, [1, 4]))];
            """,
            """
            public sealed class WeatherInput
            {
                public float Precipitation { get; set; }
                public float TempMax { get; set; }
                public float TempMin { get; set; }
                public float Wind { get; set; }
            }

            public sealed class WeatherOutput
            {
                [ColumnName("PredictedLabel")]
                public uint PredictedLabel { get; set; }
            }
            """),

        // A web app and the client of a language-model provider (README, "Integrations").
        "chat-client" => new(
            "using Microsoft.Extensions.AI;",
            """
            var builder = WebApplication.CreateBuilder(args);
            IChatClient providerClient = new OpenTelemetryChatClient(null!);
            IEmbeddingGenerator<string, Embedding<float>> providerGenerator = new OpenTelemetryEmbeddingGenerator<string, Embedding<float>>(null!);
            """,
            ""),

        // A labelled reference and production data of a binary classifier, with their features (docs/estimation.md).
        "estimation-data" => new(
            "using ModelWatch.Estimation;",
            """
            double[] referenceScores = [0.1, 0.8, 0.65, 0.3, 0.9, 0.2];
            int[] referencePredictions = [0, 1, 1, 0, 1, 0];
            int[] referenceLabels = [0, 1, 0, 0, 1, 1];
            double[] scores = [0.7, 0.4, 0.95];
            int[] predictions = [1, 0, 1];
            double[][] referenceNumeric = [[1.0, 2.0], [1.5, double.NaN], [0.5, 2.5]];
            string?[][] referenceCategorical = [["a"], ["b"], [null]];
            double[][] numeric = [[1.2, 2.2]];
            string?[][] categorical = [["a"]];
            """,
            ""),

        _ => null,
    };

    private static SnippetPrelude QuickStart()
    {
        string[] lines = RepositoryFiles.Read(QuickStartFile).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int health = Array.FindIndex(lines, l => l.StartsWith("builder.Services.AddHealthChecks()", StringComparison.Ordinal));
        int run = Array.FindIndex(lines, l => l.StartsWith("app.Run();", StringComparison.Ordinal));
        if (health < 0 || run < health)
        {
            throw new InvalidOperationException($"{QuickStartFile} no longer has a line starting 'builder.Services.AddHealthChecks()' followed by 'app.Run();': the 'quickstart' prelude is cut there.");
        }

        return new("", string.Join('\n', lines[..health]), string.Join('\n', lines[(run + 1)..]));
    }
}

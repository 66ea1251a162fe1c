using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Tests.TestSupport;

/// <summary>Models with seeded standard-normal references, and rows to log into them.</summary>
internal static class TestModels
{
    public const int WindowSize = 100;

    // One profile for every small model: models share a reference without copying it.
    private static readonly Lazy<ReferenceProfile> SharedReference = new(() => Reference(["x"], classifier: false));

    /// <summary>
    /// Declares a numeric model whose reference is 2,000 seeded standard-normal rows (prediction: the
    /// rows' sum), in count windows of <see cref="WindowSize"/>, raising alerts after one bad window.
    /// The significance level is 0.01 rather than 0.05: with two features and a dataset threshold of
    /// half of them, one chance rejection would make an unshifted window drift; a 3σ shift still gives p far below it.
    /// </summary>
    public static IModelWatchBuilder AddNumericModel(this IModelWatchBuilder builder, string name, params string[] features) =>
        builder.AddModel(name, m => m
            .Numeric(features)
            .Reference(Reference(features, classifier: false))
            .WindowByCount(WindowSize)
            .Configure(o =>
            {
                o.Alerts.RaiseAfterWindows = 1;
                o.Drift.PValueThreshold = 0.01;
            }));

    /// <summary>
    /// Declares a binary classifier on one feature <c>x</c> whose windows with accuracy below 0.9 are
    /// degraded, raising a quality alert after one such window.
    /// </summary>
    public static IModelWatchBuilder AddClassifier(this IModelWatchBuilder builder, string name) =>
        builder.AddModel(name, m => m
            .Numeric("x")
            .Reference(Reference(["x"], classifier: true))
            .WindowByCount(WindowSize)
            .BinaryClassification()
            .QualityAtLeast(QualityMetric.Accuracy, 0.9)
            .Configure(o =>
            {
                o.Alerts.RaiseAfterWindows = 1;
                o.Quality.MinimumOutcomes = 10;
            }));

    /// <summary>
    /// Declares many small models, one numeric feature <c>x</c> each, sharing one reference profile (so
    /// thousands register in moments), in count windows of <see cref="WindowSize"/>.
    /// </summary>
    public static IModelWatchBuilder AddSmallModels(this IModelWatchBuilder builder, IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            builder.AddModel(name, SmallModel);
        }

        return builder;
    }

    /// <summary>The declaration of <see cref="AddSmallModels"/>, for models added while the host runs.</summary>
    public static void SmallModel(ModelBuilder m) => m.Numeric("x").Reference(SharedReference.Value).WindowByCount(WindowSize);

    /// <summary>Logs <paramref name="count"/> seeded standard-normal rows, the first feature shifted by <paramref name="shift"/>.</summary>
    public static void LogRows(IModelMonitor monitor, int count, double shift, int seed)
    {
        var random = new Random(seed);
        var row = new double[monitor.Schema.NumericFeatures.Length];
        for (int i = 0; i < count; i++)
        {
            Fill(random, row);
            row[0] += shift;
            monitor.Log(row, row.Sum());
        }
    }

    /// <summary>
    /// Makes a quality alert: a closed window of wrong predictions (score 0.9, outcome 0) followed by
    /// enough predictions to close the outcomes' arrival window.
    /// </summary>
    public static void LogWrongPredictions(IModelMonitor monitor, int seed)
    {
        var random = new Random(seed);
        double[] row = [0];
        for (int i = 0; i < WindowSize; i++)
        {
            row[0] = Normal(random);
            monitor.Log(row, [], 0.9, $"p{i}");
        }

        // The labels arrive together after the window's last prediction: all in the next window.
        for (int i = 0; i < WindowSize; i++)
        {
            monitor.RecordOutcome($"p{i}", 0);
        }

        for (int i = 0; i < 3 * WindowSize; i++)
        {
            row[0] = Normal(random);
            monitor.Log(row, [], 0.1, predictionId: null);
        }
    }

    private static ReferenceProfile Reference(string[] features, bool classifier)
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(features));
        var random = new Random(12345);
        var row = new double[features.Length];
        for (int i = 0; i < 2_000; i++)
        {
            Fill(random, row);
            builder.Add(row, classifier ? 1 / (1 + Math.Exp(-row.Sum())) : row.Sum());
        }

        return builder.Build();
    }

    private static void Fill(Random random, double[] row)
    {
        for (int j = 0; j < row.Length; j++)
        {
            row[j] = Normal(random);
        }
    }

    // Box–Muller: seeded and exact enough for test data.
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

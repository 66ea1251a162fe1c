using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>
/// Segmented test models: numeric features f0…, categorical "c0" naming the segment, one-minute
/// windows; segments drawn from the reference's population, so they are compared with the whole
/// model's reference (<c>Segments:ReferenceSize</c> = 0) unless a test says otherwise.
/// </summary>
internal static class SegmentScenarios
{
    public static string[] Names(int segments) => [.. Enumerable.Range(0, segments).Select(i => "s" + i)];

    public static (Microsoft.Extensions.DependencyInjection.ServiceProvider Services, IModelWatch Watch, FakeTimeProvider Time) Create(
        int features, string[] segments, Action<ModelBuilder>? more = null, int referenceRows = 20_000)
    {
        var reference = TestModels.NormalReference(features, rows: referenceRows, categories: segments);
        return TestModels.Create(m =>
        {
            m.Numeric(TestModels.FeatureNames(features)).Categorical("c0").Reference(reference).Window(TimeSpan.FromMinutes(1)).SegmentBy("c0")
                .Configure(o => o.Segments.ReferenceSize = 0);
            more?.Invoke(m);
        });
    }

    /// <summary>
    /// Logs one window: <paramref name="rows"/> rows, each of a uniformly drawn segment, N(0,1)
    /// features plus <paramref name="shift"/> for the shifted segment's (null: none); then closes the window.
    /// </summary>
    public static async Task<DriftReport> Window(IModelWatch watch, FakeTimeProvider time, SplitMix64 rng, string[] segments, int features, int rows, string? shifted = null, double shift = 0)
    {
        var monitor = watch.GetMonitor("m");
        var row = new double[features];
        var cats = new string?[1];
        for (int r = 0; r < rows; r++)
        {
            string segment = segments[(int)(rng.NextUniform() * segments.Length)];
            double offset = segment == shifted ? shift : 0;
            for (int f = 0; f < features; f++)
            {
                row[f] = rng.NextNormal() + offset;
            }

            cats[0] = segment;
            monitor.Log(row, cats, rng.NextNormal());
        }

        time.Advance(TimeSpan.FromMinutes(1));
        var reports = await watch.EvaluateAsync();
        return reports.Single(r => r.IsComplete);
    }
}

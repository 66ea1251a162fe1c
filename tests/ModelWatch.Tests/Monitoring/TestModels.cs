using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

/// <summary>Builds engines and references for runtime tests, with a fake clock.</summary>
internal static class TestModels
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static string[] FeatureNames(int count) => [.. Enumerable.Range(0, count).Select(i => "f" + i)];

    /// <summary>
    /// A reference of N(0,1) features and an N(0,1) prediction, built exactly; with
    /// <paramref name="categories"/>, one categorical column "c0" drawn uniformly from them.
    /// </summary>
    public static ReferenceProfile NormalReference(int features, int rows = 20_000, string[]? categories = null, ulong seed = 1)
    {
        var schema = new ModelSchema(FeatureNames(features), categories is null ? [] : ["c0"]);
        var builder = new ReferenceProfileBuilder(schema);
        var rng = new SplitMix64(seed);
        var row = new double[features];
        var cats = new string?[categories is null ? 0 : 1];
        for (int r = 0; r < rows; r++)
        {
            for (int f = 0; f < features; f++)
            {
                row[f] = rng.NextNormal();
            }

            for (int c = 0; c < cats.Length; c++)
            {
                cats[c] = categories![(int)(rng.NextUniform() * categories.Length)];
            }

            builder.Add(row, cats, rng.NextNormal());
        }

        return builder.Build();
    }

    public static (ServiceProvider Services, IModelWatch Watch, FakeTimeProvider Time) Create(Action<ModelBuilder> model, Action<ModelWatchOptions>? options = null, Action<ModelWatch.DependencyInjection.IModelWatchBuilder>? more = null)
    {
        var time = new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        var builder = services.AddModelWatch(o =>
        {
            o.ShardCount = 2;
            options?.Invoke(o);
        });
        builder.AddModel("m", model);
        more?.Invoke(builder);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return (provider, provider.GetRequiredService<IModelWatch>(), time);
    }
}

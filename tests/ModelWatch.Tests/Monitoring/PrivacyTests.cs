using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Profiles;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// What ModelWatch writes down holds no rows and no prediction ids tied to feature values, and
/// hashed categorical features never appear in clear (docs/reliability.md, "Privacy").
/// </summary>
public sealed class PrivacyTests : IDisposable
{
    private const string Key = "a secret of at least sixteen characters";
    private static readonly string[] Emails = ["ann@example.org", "bob@example.org", "cyd@example.org", "dee@example.org"];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-privacy-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestModels.Start);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private HostedModelWatch Create(string folder, Action<ModelBuilder> model)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddModelWatch().AddModel("m", model).UseFileStore(folder);
        return new HostedModelWatch(services.BuildServiceProvider());
    }

    private static string AllText(string folder) =>
        string.Concat(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(File.ReadAllText));

    [Fact]
    public async Task HashedCategories_NeverStoredInClear_AndDriftIsUnchanged()
    {
        var reference = TestModels.NormalReference(features: 1, rows: 4_000, categories: Emails);
        string hashedFolder = Path.Combine(_folder, "hashed"), plainFolder = Path.Combine(_folder, "plain");
        await using var hashed = Create(hashedFolder, m => m.Numeric("f0").Categorical("c0").HashCategories(Key, "c0")
            .Reference(reference).Window(TimeSpan.FromHours(1)).KeepWindowProfiles());
        await using var plain = Create(plainFolder, m => m.Numeric("f0").Categorical("c0").Reference(reference).Window(TimeSpan.FromHours(1)));
        await hashed.StartAsync();
        await plain.StartAsync();
        var rng = new SplitMix64(5);
        for (int i = 0; i < 2_000; i++)
        {
            // Skewed towards ann, plus a value the reference never saw: the categorical column drifts.
            string email = i % 10 == 0 ? "new@example.org" : Emails[rng.NextUniform() < 0.6 ? 0 : (int)(rng.NextUniform() * Emails.Length)];
            hashed.Watch.GetMonitor("m").Log([rng.NextNormal()], [email], 0.1);
            plain.Watch.GetMonitor("m").Log([rng.NextNormal()], [email], 0.1);
        }

        _time.Advance(TimeSpan.FromHours(1));
        await hashed.Watch.EvaluateAsync();
        await plain.Watch.EvaluateAsync();
        var hashedReport = Assert.Single(hashed.Watch.GetHistory("m"));
        var plainReport = Assert.Single(plain.Watch.GetHistory("m"));
        await hashed.StopAsync();
        await plain.StopAsync();

        string stored = AllText(hashedFolder);
        Assert.Contains(".mwp", string.Join(' ', Directory.EnumerateFiles(hashedFolder, "*", SearchOption.AllDirectories)), StringComparison.Ordinal);
        Assert.All(Emails.Append("new@example.org"), e => Assert.DoesNotContain(e, stored, StringComparison.Ordinal));
        Assert.Contains(CategoryHashing.Hash(Key, "ann@example.org")!, stored, StringComparison.Ordinal);
        Assert.Contains("ann@example.org", AllText(plainFolder), StringComparison.Ordinal); // the check above can fail

        // Distinct values stay distinct, so the categorical test sees the same counts.
        var h = hashedReport.Features.Single(f => f.Name == "c0");
        var p = plainReport.Features.Single(f => f.Name == "c0");
        Assert.True(p.IsDrift);
        Assert.Equal(p.IsDrift, h.IsDrift);
        Assert.Equal(p.Verdict!.Value.Statistic, h.Verdict!.Value.Statistic, 12);
        Assert.Equal(p.UnseenCount, h.UnseenCount);
        Assert.All(h.Categories.Where(c => c != "(unseen)"), c => Assert.StartsWith(CategoryHashing.Prefix, c, StringComparison.Ordinal));
    }

    [Fact]
    public void HashColumns_MatchesWhatTheMonitorCounts()
    {
        var builder = new ProfileBuilder(["x"], ["c"]);
        foreach (string e in Emails)
        {
            builder.Add([1.0], [e]);
        }

        var profile = ProfileHashing.HashCategories(builder.Build(ProfileKind.Reference), Key, "c");
        Assert.Equal(
            Emails.Select(e => CategoryHashing.Hash(Key, e)).Order(StringComparer.Ordinal),
            profile.Find("c")!.Categories!.GetCounts().Select(c => c.Value).Order(StringComparer.Ordinal));
        Assert.Throws<ArgumentException>(() => CategoryHashing.Hash("short", "x"));
        Assert.Null(CategoryHashing.Hash(Key, null));
    }

    [Theory]
    [InlineData("c0", null, "CategoryHashKey")]
    [InlineData("f0", Key, "not a categorical feature")]
    public void HashCategories_Misconfigured_IsAConfigurationError(string column, string? key, string message)
    {
        var services = new ServiceCollection();
        services.AddModelWatch().AddModel("m", m => m.Numeric("f0").Categorical("c0").HashCategories(key!, column).ReferenceFromFirstPredictions(10));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<IModelWatch>().Models);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavedState_HoldsNoIdsInProfiles_AndNoFeatureValuesBesideIds()
    {
        var reference = TestModels.NormalReference(features: 2, rows: 4_000);
        await using var host = Create(_folder, m => m.Numeric("f0", "f1").BinaryClassification().Reference(reference)
            .Window(TimeSpan.FromHours(1)).KeepWindowProfiles());
        await host.StartAsync();
        var monitor = host.Watch.GetMonitor("m");

        // Distinctive rows with ids whose labels never arrive: their ids wait in the outcome store.
        var values = new List<double>();
        for (int i = 0; i < 200; i++)
        {
            double a = 1234.0625 + i, b = -4321.5 - i;
            values.Add(a);
            values.Add(b);
            monitor.Log([a, b], [], 0.25 + (i % 50 / 100.0), $"secret-id-{i}");
        }

        _time.Advance(TimeSpan.FromHours(1));
        await host.Watch.EvaluateAsync();
        await host.StopAsync();

        var files = Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).ToList();
        var profiles = files.Where(f => f.EndsWith(ProfileFile.Extension, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(profiles);
        Assert.All(profiles, f => Assert.DoesNotContain("secret-id", File.ReadAllText(f), StringComparison.Ordinal));

        // The snapshot keeps the pending ids (to join labels after a restart) with the prediction only:
        // no feature value of any logged row sits in that section.
        var newest = files.Where(f => f.EndsWith(".json", StringComparison.Ordinal)).MaxBy(File.GetLastWriteTimeUtc)!;
        using var document = JsonDocument.Parse(File.ReadAllText(newest));
        var pending = document.RootElement.GetProperty("quality").GetProperty("pending");
        Assert.Equal(200, pending.GetArrayLength());
        string pendingText = pending.GetRawText();
        Assert.All(values, v => Assert.DoesNotContain(v.ToString("R", CultureInfo.InvariantCulture), pendingText, StringComparison.Ordinal));
        Assert.All(pending.EnumerateArray(), p => Assert.DoesNotContain(p.EnumerateObject(), x => x.Name is "features" or "numeric" or "categorical"));
    }
}

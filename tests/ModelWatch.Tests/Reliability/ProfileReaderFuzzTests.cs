using System.Text;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Profiles;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Reliability;

/// <summary>
/// Fuzzing the two JSON readers that take files from disk: profiles (<see cref="ProfileFile.Read"/>)
/// and monitor snapshots (<see cref="SnapshotFile.ReadAsync"/> and <see cref="MonitorSnapshots.Restore"/>).
/// Mutants of real files must fail with the one documented exception type or load into something
/// consistent; none may hang or allocate without bound. MODELWATCH_FUZZ_INPUTS sets the count.
/// </summary>
public sealed class ProfileReaderFuzzTests(ITestOutputHelper output)
{
    private const ulong Seed = 20261128;

    /// <summary>
    /// Reading is linear in the input (the JSON reader's buffers, the parsed arrays); 64 bytes per
    /// input byte plus 16 MB for fixed costs is far above that and still catches any size taken from
    /// the file's content rather than its length.
    /// </summary>
    private static long Allowance(byte[] input) => (64L * input.Length) + (16L << 20);

    [Fact]
    public void Read_MutatedProfiles_ThrowOnlyProfileFormatExceptionOrLoadConsistently()
    {
        var seeds = ProfileSeeds();
        new FuzzHarness("profile reader", Seed, output).Run(
            FuzzHarness.InputCount,
            i => new Mutator(InputSeed(Seed, i), MutationFormat.Json).Mutate(seeds),
            (_, input) =>
            {
                Profile profile;
                try
                {
                    profile = ProfileFile.Read(new MemoryStream(input, writable: false), "fuzz.mwp");
                }
                catch (ProfileFormatException ex)
                {
                    // The documented contract: one exception type, its message starting with the source.
                    Assert.StartsWith("fuzz.mwp: ", ex.Message, StringComparison.Ordinal);
                    return nameof(ProfileFormatException);
                }

                return "loaded" + FuzzHarness.Uncounted(() => CheckConsistent(profile));
            },
            Allowance);
    }

    [Fact]
    public void ReadAndRestore_MutatedSnapshots_ThrowOnlyInvalidDataExceptionOrRestoreConsistently()
    {
        var models = SnapshotModels();
        var seeds = models.Select(m => m.Snapshot).ToList();
        var time = new FakeTimeProvider(TestModels.Start.AddHours(1));
        new FuzzHarness("monitor snapshot reader", Seed, output).Run(
            FuzzHarness.InputCount,
            i => new Mutator(InputSeed(Seed, i), MutationFormat.Json).Mutate(seeds),
            (i, input) =>
            {
                MonitorSnapshot snapshot;
                try
                {
                    // A MemoryStream completes synchronously; blocking here keeps the watchdog simple.
                    snapshot = SnapshotFile.ReadAsync(new MemoryStream(input, writable: false), "fuzz.json", CancellationToken.None).GetAwaiter().GetResult();
                }
                catch (InvalidDataException ex)
                {
                    Assert.StartsWith("fuzz.json: ", ex.Message, StringComparison.Ordinal);
                    return "read: " + nameof(InvalidDataException);
                }

                // Restore into a fresh monitor of every seed's model in turn (by input), as a restart would:
                // a snapshot of one model restored into another must be refused just as cleanly.
                var model = models[i % models.Count];
                var monitor = new ModelMonitor(model.Definition, time, 2, model.Reference);
                try
                {
                    lock (monitor.CollectLock)
                    {
                        MonitorSnapshots.Restore(monitor, snapshot, "fuzz.json");
                    }
                }
                catch (InvalidDataException ex)
                {
                    Assert.StartsWith("fuzz.json: ", ex.Message, StringComparison.Ordinal);
                    return "restore: " + nameof(InvalidDataException);
                }

                // A restored monitor must keep working: log, collect, snapshot again and read that back.
                monitor.Log(new double[model.Definition.Schema.NumericFeatures.Length], new string?[model.Definition.Schema.CategoricalFeatures.Length], 0.5);

                var again = MonitorSnapshots.Take(monitor, time.GetUtcNow());

                using var bytes = new MemoryStream();
                SnapshotFile.Write(again, bytes);
                bytes.Position = 0;
                var reread = SnapshotFile.ReadAsync(bytes, "again.json", CancellationToken.None).GetAwaiter().GetResult();
                Assert.Equal(again.Totals?.Events, reread.Totals?.Events);
                return "restored";
            },
            Allowance);
    }

    internal static ulong InputSeed(ulong seed, int index) => unchecked(seed + ((ulong)index * 0x9E3779B97F4A7C15UL));

    /// <summary>
    /// A loaded profile must behave like one built from rows: it merges with itself, and the merge
    /// and the profile itself survive a save and a load, the profile byte for byte. Returns a note when
    /// the known bug struck instead.
    /// </summary>
    private static string CheckConsistent(Profile profile)
    {
        byte[] once = Serialize(profile);
        byte[] twice = Serialize(ProfileFile.Read(new MemoryStream(once), "saved.mwp"));
        Assert.Equal(once, twice);

        // A profile may claim counts and sums near their type's limit (19-digit counts, sums near 1e308):
        // merging it with itself is then refused with Merge's documented exception, never wrapped into an
        // unreadable profile (FuzzFindingsTests).
        Profile merged;
        try
        {
            merged = Profile.Merge([profile, profile]);
        }
        catch (ArgumentException)
        {
            return " (merge refused: counts or sums too large)";
        }

        var reloaded = ProfileFile.Read(new MemoryStream(Serialize(merged)), "merged.mwp");
        Assert.Equal(profile.Features.Count, reloaded.Features.Count);
        Assert.Equal(merged.Rows, reloaded.Rows);
        return string.Empty;
    }

    private static byte[] Serialize(Profile profile)
    {
        using var stream = new MemoryStream();
        ProfileFile.Write(profile, stream);
        return stream.ToArray();
    }

    /// <summary>Real profiles of several shapes: numeric and categorical, small and large sketches, window metadata, the committed v1 sample.</summary>
    private static List<byte[]> ProfileSeeds()
    {
        var rng = new SplitMix64(Seed);
        var mixed = new ProfileBuilder(["amount", "age"], ["country"]);
        string[] countries = ["DE", "FR", "NL", "\"quoted\"", "ünï"];
        for (int i = 0; i < 2_000; i++)
        {
            mixed.Add([i % 97 == 0 ? double.NaN : rng.NextNormal() * 100, i % 101 == 0 ? double.PositiveInfinity : 30 + (rng.NextNormal() * 10)], [i % 89 == 0 ? null : countries[i % countries.Length]]);
        }

        var reference = mixed.Build(ProfileKind.Reference);
        reference.ModelName = "fraud";
        reference.ModelVersion = "3";
        reference.CreatedAt = TestModels.Start;

        var small = new ProfileBuilder(["x"]);
        for (int i = 0; i < 40; i++)
        {
            small.Add([rng.NextUniform()], []);
        }

        // Few category slots for many values: counts with overcount bounds.
        var categorical = new ProfileBuilder([], ["city", "plan"], categoryCapacity: 16);
        for (int i = 0; i < 1_000; i++)
        {
            categorical.Add([], ["c" + (int)(rng.NextUniform() * 200), i % 3 == 0 ? "basic" : "pro"]);
        }

        var window = new Profile(ProfileKind.Window, [FeatureProfile.Numeric("score", isPrediction: true, sketchK: 64), FeatureProfile.Categorical("tier", capacity: 8)])
        {
            ModelName = "m",
            ModelVersion = "1",
            WindowStart = TestModels.Start,
            WindowEnd = TestModels.Start.AddHours(1),
            CreatedAt = TestModels.Start.AddHours(1),
        };
        for (int i = 0; i < 3_000; i++)
        {
            window.Features[0].Add(rng.NextNormal());
            window.Features[1].Categories!.Add(i % 5 == 0 ? "gold" : "free");
            window.Rows++;
        }

        List<byte[]> seeds = [Serialize(reference), Serialize(small.Build()), Serialize(categorical.Build()), Serialize(window)];
        seeds.AddRange(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Profiles", "Samples"), "*.mwp").Order(StringComparer.Ordinal).Select(File.ReadAllBytes));
        return seeds;
    }

    /// <summary>Snapshots of real monitors: a supplied reference with categories, a production reference, window profiles, outcomes.</summary>
    private static List<SnapshotModel> SnapshotModels()
    {
        var reference = TestModels.NormalReference(features: 2, rows: 2_000, categories: ["a", "b", "c"]);
        var models = new List<SnapshotModel>
        {
            Capture(m => m.Numeric("f0", "f1").Categorical("c0").Reference(reference), reference, rows: 3_000),
            Capture(m => m.Numeric("f0", "f1").Categorical("c0").ReferenceFromFirstPredictions(500), null, rows: 1_500),
            Capture(m => m.Numeric("f0", "f1").Categorical("c0").Reference(reference).KeepWindowProfiles(), reference, rows: 1_000),
            Capture(m => m.Numeric("f0", "f1").Categorical("c0").Reference(reference).BinaryClassification(), reference, rows: 500, outcomes: true),
        };
        return models;
    }

    private static SnapshotModel Capture(Action<ModelBuilder> configure, ReferenceProfile? reference, int rows, bool outcomes = false)
    {
        var (services, watch, time) = TestModels.Create(configure);
        using (services)
        {
            var monitor = watch.GetMonitor("m");
            var rng = new SplitMix64(Seed + (ulong)rows);
            string?[][] categories = [["a"], ["b"], ["c"], ["d"], [null]];
            for (int i = 0; i < rows; i++)
            {
                double[] features = [rng.NextNormal(), i % 50 == 0 ? double.NaN : rng.NextNormal()];
                if (outcomes)
                {
                    monitor.Log(features, categories[i % categories.Length], rng.NextUniform(), "p" + i);
                    if (i % 3 == 0)
                    {
                        monitor.RecordOutcome("p" + i, i % 2);
                    }
                }
                else
                {
                    monitor.Log(features, categories[i % categories.Length], rng.NextNormal());
                }

                if (i % 250 == 0)
                {
                    time.Advance(TimeSpan.FromMinutes(7)); // several sub-windows in the snapshot
                }
            }

            watch.EvaluateAsync().GetAwaiter().GetResult();
            var inner = services.SingleMonitor();
            var snapshot = MonitorSnapshots.Take(inner, time.GetUtcNow());

            using var bytes = new MemoryStream();
            SnapshotFile.Write(snapshot, bytes);
            return new SnapshotModel(inner.Definition, reference, bytes.ToArray());
        }
    }

    private sealed record SnapshotModel(ModelDefinition Definition, ReferenceProfile? Reference, byte[] Snapshot);
}

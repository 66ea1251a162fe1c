using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Quality;

/// <summary>
/// A logged prediction id enters the pending store's index only when something looks ids up (an
/// outcome, a pending check, a harvest, counts, a snapshot): duplicates and early outcomes are settled
/// then, with what looking the id up at logging time gave.
/// </summary>
public sealed class DeferredIndexTests
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 2_000);

    private static (IDisposable Services, IModelWatch Watch, ModelMonitor Monitor) Classifier(int capacity)
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).BinaryClassification().Outcomes(capacity, TimeSpan.FromDays(30)));
        return (services, watch, (ModelMonitor)watch.GetMonitor("m", "1"));
    }

    [Fact]
    public void AnIdLoggedTwiceBeforeAnyLookup_IsOneDuplicate_AndItsOutcomeJoinsTheFirst()
    {
        var (services, watch, monitor) = Classifier(1_000);
        using var _ = services;
        monitor.Log([0.1, 0.2], [], 0.9, "a");
        monitor.Log([0.1, 0.2], [], 0.1, "a");
        monitor.Log([0.1, 0.2], [], 0.9, "b");

        var counts = watch.GetOutcomeCounts("m");
        Assert.Equal(2, counts.Pending);
        Assert.Equal(1, counts.DuplicatePredictionIds);

        monitor.RecordOutcome("a", 1);
        counts = watch.GetOutcomeCounts("m");
        Assert.Equal(1, counts.Joined);
        Assert.Equal(1, counts.Pending);
        Assert.Equal(0, counts.Duplicate);
    }

    [Fact]
    public async Task AnOutcomeBeforeItsPrediction_JoinsWhenThePredictionIsIndexed_AndIsScored()
    {
        var (services, watch, monitor) = Classifier(1_000);
        using var _ = services;
        monitor.RecordOutcome("late", 1);
        monitor.Log([0.1, 0.2], [], 0.9, "late"); // right: 0.9 ≥ 0.5 and the outcome is 1
        monitor.Log([0.1, 0.2], [], 0.9, "other");

        var counts = watch.GetOutcomeCounts("m");
        Assert.Equal(1, counts.Early);
        Assert.Equal(1, counts.Joined);
        Assert.Equal(1, counts.Pending);

        await watch.EvaluateAsync();
        var quality = watch.GetLatestQualityReport("m");
        Assert.NotNull(quality);
        Assert.Equal(1, quality.Metrics.Outcomes);
        Assert.Equal(1.0, quality.Metrics.Accuracy);
    }

    [Fact]
    public void RandomInterleaving_MatchesLookingIdsUpAtLoggingTime()
    {
        // A capacity no run reaches: the eager rule (look the id up as it is logged) is then exact.
        var (services, watch, monitor) = Classifier(100_000);
        using var _ = services;
        var rng = new Random(11);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var joined = new HashSet<string>(StringComparer.Ordinal);
        var early = new HashSet<string>(StringComparer.Ordinal);
        long duplicateIds = 0, duplicates = 0, earlyCount = 0, joinedCount = 0;
        for (int step = 0; step < 20_000; step++)
        {
            string id = "id" + rng.Next(3_000);
            switch (rng.Next(10))
            {
                case < 6:
                    monitor.Log([0.1, 0.2], [], 0.9, id);
                    if (early.Remove(id))
                    {
                        joined.Add(id);
                        joinedCount++;
                    }
                    else if (pending.Contains(id) || joined.Contains(id))
                    {
                        duplicateIds++;
                    }
                    else
                    {
                        pending.Add(id);
                    }

                    break;
                case < 9:
                    monitor.RecordOutcome(id, 1);
                    if (pending.Remove(id))
                    {
                        joined.Add(id);
                        joinedCount++;
                    }
                    else if (joined.Contains(id) || early.Contains(id))
                    {
                        duplicates++;
                    }
                    else
                    {
                        early.Add(id);
                        earlyCount++;
                    }

                    break;
                default:
                    Assert.Equal(pending.Contains(id) || joined.Contains(id) || early.Contains(id), monitor.Outcomes!.IsPending(id));
                    break;
            }

            if (step % 2_500 == 0)
            {
                AssertCounts();
            }
        }

        AssertCounts();

        void AssertCounts()
        {
            var counts = watch.GetOutcomeCounts("m");
            Assert.Equal(pending.Count, counts.Pending);
            Assert.Equal(joinedCount, counts.Joined);
            Assert.Equal(earlyCount, counts.Early);
            Assert.Equal(duplicates, counts.Duplicate);
            Assert.Equal(duplicateIds, counts.DuplicatePredictionIds);
            Assert.Equal(0, counts.Evicted);
        }
    }

    [Fact]
    public void ManyTimesTheCapacityBetweenLookups_KeepsTheNewest_AndIndexesThemAll()
    {
        var (services, watch, monitor) = Classifier(256);
        using var _ = services;
        for (int round = 0; round < 20; round++)
        {
            // Each round logs four times the capacity with no lookup, then joins the newest.
            for (int i = 0; i < 1_024; i++)
            {
                monitor.Log([0.1, 0.2], [], 0.9, $"r{round}-{i}");
            }

            for (int i = 1_000; i < 1_024; i++)
            {
                monitor.RecordOutcome($"r{round}-{i}", 1);
            }

            Assert.False(monitor.Outcomes!.IsPending($"r{round}-0"));
        }

        var counts = watch.GetOutcomeCounts("m");
        Assert.Equal(20 * 24, counts.Joined);
        Assert.Equal(0, counts.Early);
        Assert.Equal((20 * 1_024) - counts.Pending - counts.Joined, counts.Evicted);
        Assert.InRange(counts.Pending, 1, 256);
    }
}

/// <summary>The pending store's shard of an id comes from a cheap mix of its ends: typical ids spread evenly.</summary>
public sealed class StripeHashTests
{
    public static TheoryData<string> IdFormats() => ["prediction-{0}", "{1}", "order/{0}/v1", "{0}"];

    [Theory]
    [MemberData(nameof(IdFormats))]
    public void TypicalIds_SpreadEvenlyOverSixteenShards(string format)
    {
        var counts = new int[16];
        var rng = new Random(5);
        const int ids = 64_000;
        for (int i = 0; i < ids; i++)
        {
            var guid = new Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)rng.Next(256))]);
            string id = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, i, guid);
            counts[OutcomeStore.StripeHash(id) & 15]++;
        }

        Assert.All(counts, c => Assert.InRange(c, ids / 16 * 0.8, ids / 16 * 1.2));
    }
}

using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Quality;

/// <summary>The pending store's memory stays at its cap whatever the traffic (measured on the whole heap, so alone).</summary>
[Collection(RunsAlone.Name)]
public sealed class OutcomeMemoryTests
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 5_000);
    private static readonly double[] Row = [0.1, -0.2];

    [Theory]
    [InlineData(typeof(OutcomeShard), "Slot")]
    [InlineData(typeof(OutcomeStage), "Entry")]
    public void AHeldAndAStagedPrediction_Take40BytesEach(Type owner, string name)
    {
        // docs/quality.md states the pending store's memory from these sizes (plus two index cells per slot).
        var type = owner.GetNestedType(name, System.Reflection.BindingFlags.NonPublic)!;
        var sizeOf = typeof(System.Runtime.CompilerServices.Unsafe).GetMethod(nameof(System.Runtime.CompilerServices.Unsafe.SizeOf))!.MakeGenericMethod(type);
        Assert.Equal(40, (int)sizeOf.Invoke(null, null)!);
    }

    [Fact]
    public void MillionIdsNeverLabeled_StayWithinTheConfiguredCap()
    {
        const int capacity = 10_000;
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).BinaryClassification().Outcomes(capacity, TimeSpan.FromDays(30)));
        using var __ = services;
        var monitor = watch.GetMonitor("m");
        long memoryAtCap = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            monitor.Log(Row, [], 0.5, "id-" + i);
            if (i == 100_000)
            {
                memoryAtCap = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        long memoryAtEnd = GC.GetTotalMemory(forceFullCollection: true);
        var counts = watch.GetOutcomeCounts("m");
        Assert.True(((ModelMonitor)watch.GetMonitor("m", "1")).Outcomes!.AllocatedSlots() <= capacity);
        Assert.InRange(counts.Pending, capacity - 2, capacity); // the cap is split evenly over 2 shards
        Assert.Equal(1_000_000 - counts.Pending, counts.Evicted);

        // 900,000 more ids after the store filled up: the heap does not grow with them.
        Assert.True(memoryAtEnd - memoryAtCap < 1 << 20, $"heap grew by {(memoryAtEnd - memoryAtCap) / 1024.0:F0} KB after the cap was reached");
    }
}

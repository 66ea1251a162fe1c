using System.Runtime.CompilerServices;
using ModelWatch.Monitoring;
using ModelWatch.Tests.Monitoring.Runtime;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// The rule that lets many cores log into one model: no cache line that one shard's logging call
/// touches is touched by another shard's. Checked on the objects a numbers-only call reads and
/// writes — the shard, its accumulator, the accumulator's numeric block with its moments and the
/// row's bins, and the window's bin counts — each taken whole (a stronger condition than the fields
/// the call writes), for sixteen shards whose accumulators the evaluator rented one after another,
/// as it does at every harvest, and again after compacting collections have slid the heap together.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class ShardCacheLineTests
{
    private const int Shards = 16;
    private const int CacheLine = 64;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(20)]
    [InlineData(33)]
    [InlineData(70)] // more numeric columns than one row's lane mask holds: the one-column-at-a-time path
    public void ShardsOfOneModel_TouchNoCacheLineInCommon_AfterAHarvestAndAfterCompaction(int features)
    {
        var reference = TestModels.NormalReference(features, rows: 2_000);
        var definition = Parts.Define(m => m.Numeric(TestModels.FeatureNames(features)).Reference(reference));
        var layout = new MonitorLayout(definition.Schema, reference, definition.CategoryCapacity, keepProfiles: false);
        var shards = new MonitorShards(Shards, layout, _ => true, new DroppedSubWindows());
        var row = new double[features];

        LogIntoEveryShard(shards, layout, row, epoch: 0);
        lock (shards.CollectLock)
        {
            shards.Harvest(); // the evaluator's pattern: each shard gets its next accumulator, rented in turn on one thread
        }

        LogIntoEveryShard(shards, layout, row, epoch: 0);
        AssertNoSharedLines(shards, "after the harvest");

        for (int i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        AssertNoSharedLines(shards, "after compacting collections");
    }

    private static void LogIntoEveryShard(MonitorShards shards, MonitorLayout layout, double[] row, long epoch)
    {
        for (int s = 0; s < shards.Count; s++)
        {
            var shard = shards[s];
            shard.Enter();
            try
            {
                var accumulator = shards.AccumulatorFor(shard, epoch, clocked: true);
                layout.Rows.Add(accumulator, row, 0.5);
                accumulator.Events++;
            }
            finally
            {
                shard.Exit();
            }
        }
    }

    private static void AssertNoSharedLines(MonitorShards shards, string when)
    {
        // Addresses are read between two collection counts: a collection in between moves objects, so read again.
        for (int attempt = 0; ; attempt++)
        {
            int collections = GC.CollectionCount(0);
            var owners = new Dictionary<nint, (int Shard, string Name)>();
            string? clash = null;
            for (int s = 0; s < shards.Count && clash is null; s++)
            {
                var shard = shards[s];
                var accumulator = shard.Current!;
                var touched = new List<((nint Start, nint End) Extent, string Name)>
                {
                    (Extent(shard), "shard"), (Extent(accumulator), "accumulator"),
                    (Extent(accumulator.Bins, sizeof(long), accumulator.Bins.Length), "bin counts"),
                };
                if (accumulator.Block is { } block)
                {
                    touched.Add((Extent(block), "numeric block"));
                    touched.Add((Extent(ref block.Moments.First, block.Moments.Length), "moments"));
                    touched.Add((Extent(block.RowBins, sizeof(int), NumericBlock.Padded(block.Columns)), "row's bins")); // the lanes a row writes
                }
                else
                {
                    var cells = accumulator.NumericUnfolded;
                    touched.Add((Extent(cells, Unsafe.SizeOf<NumericCell>(), cells.Length), "numeric cells"));
                }

                foreach (var (extent, name) in touched)
                {
                    for (nint line = extent.Start / CacheLine; line <= (extent.End - 1) / CacheLine; line++)
                    {
                        if (owners.TryGetValue(line, out var other) && other.Shard != s)
                        {
                            clash = $"{when}: shard {s}'s {name} shares a cache line with shard {other.Shard}'s {other.Name}";
                            break;
                        }

                        owners[line] = (s, name);
                    }
                }
            }

            if (GC.CollectionCount(0) == collections)
            {
                Assert.True(clash is null, clash);
                return;
            }

            Assert.True(attempt < 10, "collections kept moving the objects while their addresses were read");
        }
    }

    /// <summary>An object's bytes, its header included: [address − 8, address − 8 + its allocated size).</summary>
    private static (nint Start, nint End) Extent(object instance)
    {
        nint address = Unsafe.As<object, nint>(ref instance);
        return (address - IntPtr.Size, address - IntPtr.Size + InstanceSize(instance.GetType()));
    }

    /// <summary>An array's header, method table, length (padded to 8) and its first <paramref name="elements"/> elements.</summary>
    private static (nint Start, nint End) Extent(Array array, int elementSize, int elements)
    {
        object instance = array;
        nint address = Unsafe.As<object, nint>(ref instance);
        return (address - IntPtr.Size, address + IntPtr.Size + 8 + (elements * elementSize));
    }

    /// <summary>The bytes of <paramref name="count"/> doubles from <paramref name="first"/> on (a pinned array's, which never moves).</summary>
    private static (nint Start, nint End) Extent(ref double first, int count)
    {
        nint address = Unsafe.ByteOffset(ref Unsafe.NullRef<double>(), ref first);
        return (address, address + (count * sizeof(double)));
    }

    /// <summary>What one instance of <paramref name="type"/> allocates (header and method table included).</summary>
    private static int InstanceSize(Type type)
    {
        long least = long.MaxValue;
        for (int i = 0; i < 4; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(RuntimeHelpers.GetUninitializedObject(type));
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return (int)least;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// The predictions of one monitor waiting for their outcomes (late ground truth), sharded by the
/// id's hash so that a prediction and its outcome meet in the same shard (stripe) without a global lock.
/// </summary>
/// <remarks>
/// The capacity is split evenly over the shards; memory is bounded by it whatever the traffic: ids
/// that never get an outcome are evicted (oldest first) or expire after the time-to-live, and are
/// counted. A logged id first goes into its logging shard's <see cref="OutcomeStage"/> (held beyond the
/// capacity: all stages together at most a quarter of it, or 8 per logging shard) and from there
/// into its shard, a stage at a time; an outcome or pending check that does not find its id, the
/// evaluator's harvest, counts and snapshots flush every stage first, so a lookup sees every
/// prediction logged before it. Logging threads wait only for each other on a logging shard's or a
/// stripe's spin lock; the evaluator holds a lock only to swap out accumulators and copy the error stream.
/// </remarks>
internal sealed partial class OutcomeStore
{
    private readonly OutcomeShard[] _shards;
    private readonly int _mask;
    private readonly OutcomeStage[] _stages;
    private readonly MonitorShards _logging;

    /// <param name="definition">The model's quality definition (task, capacity, time-to-live).</param>
    /// <param name="logging">The monitor's logging shards: as many stripes and stages, each stage guarded by its logging shard's lock.</param>
    /// <param name="segmentSlots">Segment slots of a segmented model (0: none).</param>
    public OutcomeStore(QualityDefinition definition, MonitorShards logging, int segmentSlots = 0)
    {
        Definition = definition;
        _logging = logging;
        int shards = logging.Count;

        int perShard = (int)Math.Max(1, ((long)definition.PendingCapacity + shards - 1) / shards);
        _shards = new OutcomeShard[shards];
        for (int i = 0; i < shards; i++)
        {
            _shards[i] = new OutcomeShard(definition, perShard, segmentSlots);
        }

        _mask = shards - 1;

        // One stage per logging shard, written under that shard's lock.
        // All of them together hold at most a quarter of the capacity (or MinCapacity each).
        _stages = new OutcomeStage[shards];
        int width = definition.Task == ModelTask.MulticlassClassification ? definition.Classes : 0;
        StageCapacity = (int)Math.Clamp(definition.PendingCapacity / (4L * shards), OutcomeStage.MinCapacity, OutcomeStage.MaxCapacity);
        for (int i = 0; i < shards; i++)
        {
            _stages[i] = new OutcomeStage(i, width, StageCapacity);
        }
    }

    /// <summary>Predictions a logging shard's stage holds before they move into the stripes.</summary>
    internal int StageCapacity { get; }

    /// <summary>How many shards (stripes) the store has.</summary>
    internal int StripeCount => _shards.Length;

    internal OutcomeShard Stripe(int index) => _shards[index];

    public QualityDefinition Definition { get; }

    private long _invalidIds;

    /// <summary>Counts an outcome that came without an id.</summary>
    public void CountInvalid() => Interlocked.Increment(ref _invalidIds);

    public void AddOutcome(string id, double actual, long ticks, long arrivalEpoch, bool live)
    {
        int hash = OutcomeShard.HashOf(id);
        var shard = ShardOf(id);

        // Stages read first: with every stage empty, the shards hold every earlier prediction. Not
        // found while predictions were staged, its prediction may be one of them: move them, look again.
        if (!Add(mayBeStaged: AnyStaged()))
        {
            FlushStages();
            Add(mayBeStaged: false);
        }

        bool Add(bool mayBeStaged)
        {
            shard.Enter();
            try
            {
                return shard.AddOutcome(id, hash, actual, ticks, arrivalEpoch, live, mayBeStaged);
            }
            finally
            {
                shard.Exit();
            }
        }
    }

    /// <summary>Whether a prediction with this id is waiting for its outcome (used to route outcomes across versions).</summary>
    public bool IsPending(string id)
    {
        int hash = OutcomeShard.HashOf(id);
        var shard = ShardOf(id);
        bool mayBeStaged = AnyStaged(); // read first: with every stage empty, the shards hold every earlier prediction
        if (Holds(shard, id, hash))
        {
            return true;
        }

        if (!mayBeStaged)
        {
            return false;
        }

        FlushStages();
        return Holds(shard, id, hash);
    }

    private static bool Holds(OutcomeShard shard, string id, int hash)
    {
        shard.Enter();
        try
        {
            return shard.Contains(id, hash);
        }
        finally
        {
            shard.Exit();
        }
    }

    /// <summary>
    /// Expires what outlived the time-to-live and moves every joined outcome and error into
    /// <paramref name="tracker"/> (evaluator thread). Live stores expire against
    /// <paramref name="nowTicks"/>; a store fed explicit timestamps (a replay) against the latest one it saw.
    /// </summary>
    public void Harvest(QualityTracker tracker, long nowTicks)
    {
        FlushStages();
        foreach (var shard in _shards)
        {
            Dictionary<long, QualityAccumulator> byPrediction, byArrival;
            Dictionary<(long, int), QualityAccumulator>? segmentsByPrediction = null, segmentsByArrival = null;
            shard.Enter();
            try
            {
                shard.Drain(); // joins settled at indexing are scored into this harvest
                shard.Expire(shard.LastLive ? Math.Max(nowTicks, shard.LatestTicks) : shard.LatestTicks);
                (byPrediction, byArrival) = shard.SwapAccumulators();
                if (shard.Segments is { } segments)
                {
                    (segmentsByPrediction, segmentsByArrival) = segments.Swap();
                }

                shard.DrainErrors(tracker.Errors);
            }
            finally
            {
                shard.Exit();
            }

            // Merged outside the lock: logging threads write into the shard's other dictionaries meanwhile.
            foreach (var accumulator in byPrediction.Values)
            {
                tracker.AddByPrediction(accumulator);
            }

            foreach (var accumulator in byArrival.Values)
            {
                tracker.AddByArrival(accumulator);
            }

            if (segmentsByPrediction is not null && segmentsByArrival is not null)
            {
                tracker.Segments?.Add(segmentsByPrediction, segmentsByArrival);
            }

            shard.Enter();
            try
            {
                shard.Recycle(byPrediction);
                shard.Recycle(byArrival);
                if (segmentsByPrediction is not null && segmentsByArrival is not null)
                {
                    shard.Segments!.Recycle(segmentsByPrediction);
                    shard.Segments.Recycle(segmentsByArrival);
                }
            }
            finally
            {
                shard.Exit();
            }
        }
    }

    /// <summary>Counts since the monitor started (read without locks: each value is current, the set may be a moment apart).</summary>
    public OutcomeCounts Counts()
    {
        long pending = 0, joined = 0, early = 0, unknown = 0, duplicate = 0, evicted = 0, expired = 0, invalid = 0, duplicateIds = 0;
        FlushStages();
        foreach (var s in _shards)
        {
            // Predictions not indexed yet count as pending until indexing settles duplicates and early joins.
            s.Enter();
            try
            {
                s.Drain();
            }
            finally
            {
                s.Exit();
            }

            pending += Volatile.Read(ref s.Pending);
            joined += Volatile.Read(ref s.Joined);
            early += Volatile.Read(ref s.Early);
            unknown += Volatile.Read(ref s.Unknown);
            duplicate += Volatile.Read(ref s.Duplicate);
            evicted += Volatile.Read(ref s.Evicted);
            expired += Volatile.Read(ref s.Expired);
            invalid += Volatile.Read(ref s.Invalid);
            duplicateIds += Volatile.Read(ref s.DuplicatePredictionIds);
        }

        invalid += Volatile.Read(ref _invalidIds);
        return new OutcomeCounts
        {
            Pending = pending,
            Joined = joined,
            Early = early,
            Unknown = unknown,
            Duplicate = duplicate,
            Evicted = evicted,
            Expired = expired,
            Invalid = invalid,
            DuplicatePredictionIds = duplicateIds,
        };
    }

    /// <summary>Every held entry and the counters, for a snapshot.</summary>
    public (List<PendingSnapshot> Entries, long[] Counters) Export()
    {
        var c = Counts(); // moves the stages into the shards too
        var entries = new List<PendingSnapshot>();
        foreach (var shard in _shards)
        {
            shard.Enter();
            try
            {
                shard.Export(entries);
            }
            finally
            {
                shard.Exit();
            }
        }

        return (entries, [c.Joined, c.Early, c.Unknown, c.Duplicate, c.Evicted, c.Expired, c.Invalid, c.DuplicatePredictionIds]);
    }

    /// <summary>Takes back held entries and counters from a snapshot.</summary>
    public void Import(IEnumerable<PendingSnapshot> entries, long[]? counters)
    {
        foreach (var entry in entries)
        {
            if (entry.Id is null)
            {
                continue;
            }

            int hash = OutcomeShard.HashOf(entry.Id);
            var shard = ShardOf(entry.Id);
            shard.Enter();
            try
            {
                shard.Import(entry, hash);
            }
            finally
            {
                shard.Exit();
            }
        }

        if (counters is { Length: 8 })
        {
            // The totals continue on the first shard; Counts() sums over all of them.
            var s = _shards[0];
            s.Enter();
            try
            {
                s.Joined += counters[0];
                s.Early += counters[1];
                s.Unknown += counters[2];
                s.Duplicate += counters[3];
                s.Evicted += counters[4];
                s.Expired += counters[5];
                s.Invalid += counters[6];
                s.DuplicatePredictionIds += counters[7];
            }
            finally
            {
                s.Exit();
            }
        }
    }

    /// <summary>Slots allocated over all shards (never more than the capacity).</summary>
    public int AllocatedSlots()
    {
        int slots = 0;
        foreach (var shard in _shards)
        {
            slots += shard.AllocatedSlots;
        }

        return slots;
    }

    /// <summary>
    /// The shard of an id, from every character but cheaply: four characters at a time rotated and
    /// combined, one multiply to spread the bits — a few nanoseconds on the logging path, where the
    /// index hash is not computed. Not randomized: ids crafted to share a shard only make that shard
    /// hold its share of the capacity for them (and contend), never a wrong result.
    /// </summary>
    private OutcomeShard ShardOf(string id) => _shards[StripeOf(id)];

    private int StripeOf(string id) => StripeHash(id) & _mask;

    internal static int StripeHash(string id)
    {
        ref char start = ref MemoryMarshal.GetReference(id.AsSpan());
        ulong h = (ulong)id.Length;
        int i = 0;
        for (; i + 4 <= id.Length; i += 4)
        {
            h = BitOperations.RotateLeft(h, 23) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref start, i)));
        }

        for (; i < id.Length; i++)
        {
            h = BitOperations.RotateLeft(h, 23) ^ Unsafe.Add(ref start, i);
        }

        // Folded, then the product's upper half: every bit of h reaches the low bits the shard is taken from.
        h ^= h >> 32;
        return (int)((h * 0x9E3779B97F4A7C15UL) >> 32);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// Predictions with ids on their way into an <see cref="OutcomeStore"/>'s stripes, one stage per
/// logging shard and guarded by its lock: a logged id is written here (memory only the shard's
/// thread touches, under the lock the call already holds) and moved into the stripes
/// <see cref="Capacity"/> at a time, grouped by stripe.
/// </summary>
/// <remarks>
/// The store's stripes are chosen by id, so that a prediction and its outcome meet in one stripe;
/// appending each id as it is logged would make every logging thread write into every stripe's
/// header and ring tail, and those cache lines would move between cores on nearly every call. A
/// flush takes each stripe it writes into once, for all of its entries in the stage, in logging
/// order. Nothing is decided here: duplicates, early outcomes and evictions are settled in the
/// stripe exactly as for a prediction appended there directly, and every lookup that could miss a
/// staged prediction flushes the stages first (<see cref="OutcomeStore"/>).
/// </remarks>
internal sealed class OutcomeStage
{
    /// <summary>
    /// The most predictions a stage holds: enough that a stripe's lock and cache lines are taken once
    /// for many predictions, few enough (10 KB) that the stage stays in its core's cache.
    /// </summary>
    public const int MaxCapacity = 256;

    /// <summary>The fewest a stage holds, however small the store.</summary>
    public const int MinCapacity = 8;

    private readonly int _firstStripe;
    private readonly int _probabilityWidth;
    private PaddedCount _count;
    private Entry[] _entries = []; // allocated on the stage's first prediction: models without ids pay nothing
    private double[] _probabilities = [];

    /// <param name="index">The stage's logging shard: its flushes start at that stripe.</param>
    /// <param name="probabilityWidth">Class probabilities held per prediction (multiclass), else 0.</param>
    /// <param name="capacity">Predictions held before a flush.</param>
    public OutcomeStage(int index, int probabilityWidth, int capacity)
    {
        _firstStripe = index;
        _probabilityWidth = probabilityWidth;
        Capacity = capacity;
    }

    /// <summary>Predictions the stage holds before the call that fills it moves them into the stripes.</summary>
    public int Capacity { get; }

    /// <summary>Whether the stage holds nothing (read without the lock: skips idle stages).</summary>
    public bool IsEmpty => Volatile.Read(ref _count.Value) == 0;

    /// <summary>
    /// Holds a prediction (under the logging shard's lock) with its id's stripe, which the caller computed while the
    /// id was likely in its cache still; returns whether the stage is now full.
    /// </summary>
    public bool Add(string id, int stripe, long ticks, long epoch, double prediction, ReadOnlySpan<double> probabilities, bool live, int segment)
    {
        if (_entries.Length == 0)
        {
            _entries = new Entry[Capacity];
            _probabilities = new double[Capacity * _probabilityWidth];
        }

        int n = _count.Value;
        bool withProbabilities = _probabilityWidth > 0 && probabilities.Length == _probabilityWidth;
        if (withProbabilities)
        {
            probabilities.CopyTo(_probabilities.AsSpan(n * _probabilityWidth, _probabilityWidth));
        }

        _entries[n] = new Entry { Id = id, Stripe = (ushort)stripe, Ticks = ticks, Epoch = epoch, Value = prediction, Segment = segment, Live = live, WithProbabilities = withProbabilities };
        Volatile.Write(ref _count.Value, n + 1);
        return n + 1 == Capacity;
    }

    /// <summary>
    /// Moves every held prediction into its stripe of <paramref name="store"/> (under the logging
    /// shard's lock; takes each stripe's lock once): stripe by stripe, each stripe's entries in logging order.
    /// </summary>
    public void FlushInto(OutcomeStore store)
    {
        int n = _count.Value;
        if (n == 0)
        {
            return;
        }

        // A counting sort by stripe: starts[s] .. starts[s + 1] is stripe s's run in order[].
        int stripes = store.StripeCount;
        Span<int> starts = stackalloc int[stripes + 1];
        Span<int> order = stackalloc int[n];
        starts.Clear();
        for (int i = 0; i < n; i++)
        {
            starts[_entries[i].Stripe + 1]++;
        }

        for (int s = 0; s < stripes; s++)
        {
            starts[s + 1] += starts[s];
        }

        Span<int> next = stackalloc int[stripes];
        starts[..stripes].CopyTo(next);
        for (int i = 0; i < n; i++)
        {
            order[next[_entries[i].Stripe]++] = i;
        }

        // Each stage starts at its own stripe: threads that flush at the same moment (equal rates keep
        // them in step) write into different stripes instead of queueing on the first one.
        for (int j = 0; j < stripes; j++)
        {
            int s = (_firstStripe + j) & (stripes - 1);
            if (starts[s] == starts[s + 1])
            {
                continue;
            }

            var stripe = store.Stripe(s);
            stripe.Enter();
            try
            {
                for (int k = starts[s]; k < starts[s + 1]; k++)
                {
                    int i = order[k];
                    ref Entry entry = ref _entries[i];
                    var probabilities = entry.WithProbabilities ? _probabilities.AsSpan(i * _probabilityWidth, _probabilityWidth) : default;
                    stripe.AddPrediction(entry.Id!, entry.Ticks, entry.Epoch, entry.Value, probabilities, entry.Live, entry.Segment);
                }
            }
            finally
            {
                stripe.Exit();
            }
        }

        _entries.AsSpan(0, n).Clear(); // let the id strings go
        Volatile.Write(ref _count.Value, 0);
    }

    private struct Entry
    {
        public string? Id;
        public ushort Stripe; // at most 64 stripes; a ushort keeps the entry at 40 bytes
        public long Ticks;
        public long Epoch;
        public double Value;
        public int Segment;
        public bool Live;
        public bool WithProbabilities;
    }

    /// <summary>
    /// The count on a cache line of its own: other threads read it to skip empty stages, and the
    /// stages of one store are allocated together, so a neighbour's writes must not share its line.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct PaddedCount
    {
        [FieldOffset(64)]
        public int Value;
    }
}

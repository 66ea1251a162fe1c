using ModelWatch.Internal;

namespace ModelWatch.Monitoring;

/// <summary>
/// One shard of an <see cref="OutcomeStore"/>: a bounded ring of predictions (and early outcomes)
/// keyed by id, the quality accumulators its joins wrote into, and the error stream for the
/// concept-drift detector. Every field is guarded by the shard's spin lock.
/// </summary>
/// <remarks>
/// The ring holds entries in arrival order, so eviction (capacity) and expiry (time-to-live) both
/// take from its head in O(1). A joined entry stays in the ring until it reaches the head, which is
/// how a second outcome for the same id is recognised as a duplicate.
/// <para>
/// A prediction is only appended on the logging path: its id enters the index when something needs
/// to find ids — an outcome, <see cref="Contains"/>, the evaluator's harvest, a snapshot, counts —
/// which first indexes the newest, unindexed entries (<see cref="Drain"/>). Whether a prediction's
/// id was logged before, or its outcome came first, is settled then, with the same result as at
/// logging time; the index's entries of slots dropped since are removed then too.
/// </para>
/// </remarks>
internal sealed partial class OutcomeShard
{
    private const int InitialSlots = 64;
    private const int MaxErrors = 65_536;

    /// <summary>The segment slot of a prediction logged outside any segment (an unsegmented model, or before its reference).</summary>
    public const int NoSegment = -1;

    private readonly QualityDefinition _definition;
    private readonly int _capacity;
    private readonly int _probabilityWidth;
    private Slot[] _slots = [];
    private double[] _probabilities = [];
    private int _head;
    private int _count;
    private readonly ErrorRing _errors = new(MaxErrors);
    private readonly QualityAccumulatorBuffers<long> _accumulators;
    private int _gate;

    public OutcomeShard(QualityDefinition definition, int capacity, int segmentSlots = 0)
    {
        _definition = definition;

        // Sized for a window and a late one, so that swapping in the spares never allocates on the logging path.
        _accumulators = new QualityAccumulatorBuffers<long>(definition, poolLimit: 16, capacity: 4);
        Segments = segmentSlots > 0 ? new SegmentOutcomes(definition, 2 * segmentSlots) : null;
        _capacity = capacity;
        _probabilityWidth = definition.Task == ModelTask.MulticlassClassification ? definition.Classes : 0;
    }

    private enum SlotState : byte
    {
        Pending = 1,
        PendingWithProbabilities = 2,
        Joined = 3,
        EarlyOutcome = 4,

        /// <summary>A prediction found a duplicate or an early outcome when indexed: held by nothing, never indexed.</summary>
        Settled = 5,
    }

    /// <summary>Whether <paramref name="id"/> (with hash <paramref name="hash"/>) is in the ring.</summary>
    public bool Contains(string id, int hash)
    {
        Drain();
        return Find(id, hash) >= 0;
    }

    /// <summary>The accumulators per segment slot of a segmented model (null otherwise).</summary>
    public SegmentOutcomes? Segments { get; }

    /// <summary>Slots allocated (the ring grows by doubling up to the shard's capacity).</summary>
    public int AllocatedSlots => _slots.Length;

    /// <summary>The latest time seen and whether it came from a live call (not an explicit timestamp).</summary>
    public long LatestTicks = long.MinValue;
    public bool LastLive = true;

    public long Pending;
    public long Joined;
    public long Early;
    public long Unknown;
    public long Duplicate;
    public long Evicted;
    public long Expired;
    public long Invalid;
    public long DuplicatePredictionIds;
    public long ErrorsDropped => _errors.Dropped;

    public void Enter() => SpinGate.Enter(ref _gate);

    public void Exit() => SpinGate.Exit(ref _gate);

    /// <summary>Holds a prediction for its outcome, or joins it with an outcome that came first.</summary>
    public void AddPrediction(string id, long ticks, long epoch, double prediction, ReadOnlySpan<double> probabilities, bool live, int segment = NoSegment)
    {
        Advance(ticks, live);

        // Appended unindexed: a duplicate id, or an outcome that came first, is settled by Drain.
        int slot = TakeTailSlot();
        _unindexed++;
        _slots[slot] = new Slot { Id = id, Ticks = ticks, Epoch = epoch, Value = prediction, State = SlotState.Pending, Segment = (short)segment };
        if (_probabilityWidth > 0 && probabilities.Length == _probabilityWidth)
        {
            probabilities.CopyTo(_probabilities.AsSpan(slot * _probabilityWidth, _probabilityWidth));
            _slots[slot].State = SlotState.PendingWithProbabilities;
        }

        Pending++;
    }

    /// <summary>
    /// Joins an outcome with its prediction, or holds it as an early outcome; with
    /// <paramref name="mayBeStaged"/>, an id not found is left alone and false returned (its prediction
    /// may still be in a logging thread's <see cref="OutcomeStage"/>: the store flushes and calls again).
    /// </summary>
    public bool AddOutcome(string id, int hash, double actual, long ticks, long arrivalEpoch, bool live, bool mayBeStaged)
    {
        Advance(ticks, live);
        Drain();
        if (!IsValidActual(actual))
        {
            Invalid++;
            return true;
        }

        int position = Find(id, hash);
        if (position < 0)
        {
            if (mayBeStaged)
            {
                return false;
            }

            int early = Append(id, hash, ticks, arrivalEpoch, actual); // may grow the ring: index after it
            _slots[early].State = SlotState.EarlyOutcome;
            Early++;
            return true;
        }

        int slot = position;
        ref Slot entry = ref _slots[slot];
        if (entry.State is SlotState.Pending or SlotState.PendingWithProbabilities)
        {
            var probabilities = entry.State == SlotState.PendingWithProbabilities
                ? _probabilities.AsSpan(slot * _probabilityWidth, _probabilityWidth)
                : default;
            entry.State = SlotState.Joined;
            Pending--;
            Score(entry.Value, probabilities, actual, entry.Epoch, arrivalEpoch, ticks, entry.Segment);
        }
        else
        {
            Duplicate++;
        }

        return true;
    }

    /// <summary>Drops entries older than the time-to-live, measured back from <paramref name="nowTicks"/>.</summary>
    public void Expire(long nowTicks)
    {
        long limit = nowTicks - _definition.PendingTimeToLive.Ticks;
        while (_count > 0 && _slots[_head].Ticks < limit)
        {
            DropHead(evicted: false);
        }
    }

    /// <summary>Moves the accumulators recorded so far out of the shard (evaluator, under the lock).</summary>
    public (Dictionary<long, QualityAccumulator> ByPrediction, Dictionary<long, QualityAccumulator> ByArrival) SwapAccumulators() => _accumulators.Swap();

    /// <summary>Returns harvested accumulators for reuse (evaluator, under the lock).</summary>
    public void Recycle(Dictionary<long, QualityAccumulator> harvested) => _accumulators.Recycle(harvested);

    /// <summary>Copies the error stream out, oldest first, and empties it (evaluator, under the lock).</summary>
    public void DrainErrors(List<ErrorEvent> into) => _errors.Drain(into);

    private bool IsValidActual(double actual) => _definition.Task switch
    {
        ModelTask.BinaryClassification => actual is 0 or 1,
        ModelTask.MulticlassClassification => actual >= 0 && actual < _definition.Classes && actual == Math.Floor(actual),
        _ => double.IsFinite(actual),
    };

    private void Advance(long ticks, bool live)
    {
        if (ticks > LatestTicks)
        {
            LatestTicks = ticks;
        }

        LastLive = live;
        Expire(LatestTicks);
    }

    /// <summary>Appends an indexed entry (an early outcome, a restored one): the ring's unindexed entries are indexed first, so those stay the newest.</summary>
    private int Append(string id, int hash, long ticks, long epoch, double value)
    {
        Drain();
        int slot = TakeTailSlot();
        Drain(); // a dropped head's index entry goes now, before the slot is indexed again: the index never holds more entries than the ring has slots
        _slots[slot] = new Slot { Id = id, Hash = hash, Ticks = ticks, Epoch = epoch, Value = value, State = SlotState.Pending, Segment = NoSegment };
        Insert(hash, slot);
        return slot;
    }

    /// <summary>
    /// Takes the slot after the ring's newest entry: the ring grows up to the capacity (indexing the
    /// unindexed entries first, as growing rebuilds the index) or, full, drops its head.
    /// </summary>
    private int TakeTailSlot()
    {
        if (_count == _slots.Length)
        {
            if (_slots.Length < _capacity)
            {
                Drain();
                Grow();
            }
            else
            {
                DropHead(evicted: true);
            }
        }

        int slot = RingSlot(_count);
        _count++;
        return slot;
    }

    private void DropHead(bool evicted)
    {
        ref Slot head = ref _slots[_head];
        switch (head.State)
        {
            case SlotState.Pending or SlotState.PendingWithProbabilities:
                Pending--;
                if (evicted)
                {
                    Evicted++;
                }
                else
                {
                    Expired++;
                }

                break;
            case SlotState.EarlyOutcome:
                Unknown++;
                break;
        }

        if (_count > _unindexed)
        {
            // Indexed: its index entry is removed by the next Drain (a settled slot has none).
            if (head.State != SlotState.Settled)
            {
                _stale[_staleCount++] = ((long)head.Hash << 32) | (uint)_head;
            }
        }
        else
        {
            _unindexed--; // every entry is unindexed: the head leaves before it was ever indexed
        }

        head = default; // let the id string go
        _head = _head + 1 == _slots.Length ? 0 : _head + 1;
        _count--;
    }

    /// <summary>The slot of the ring's <paramref name="k"/>-th entry from the head (no division on the logging path).</summary>
    private int RingSlot(int k)
    {
        int slot = _head + k;
        return slot >= _slots.Length ? slot - _slots.Length : slot;
    }

    private void Grow()
    {
        int size = Math.Min(_capacity, Math.Max(InitialSlots, _slots.Length * 2));
        var slots = new Slot[size];
        var probabilities = new double[size * _probabilityWidth];
        for (int i = 0; i < _count; i++)
        {
            int from = (_head + i) % _slots.Length;
            slots[i] = _slots[from];
            if (_probabilityWidth > 0)
            {
                _probabilities.AsSpan(from * _probabilityWidth, _probabilityWidth).CopyTo(probabilities.AsSpan(i * _probabilityWidth));
            }
        }

        _slots = slots;
        _probabilities = probabilities;
        _stale = new long[size];
        _head = 0;
        Reindex(size);
    }

    private struct Slot
    {
        public string? Id;
        public int Hash;
        public long Ticks;
        public long Epoch;
        public double Value;
        public SlotState State;

        /// <summary>
        /// The segment slot the prediction was logged in (<see cref="NoSegment"/>: none, or an early
        /// outcome). Segment slots number at most 11,001 (<c>MaxSegments</c> ≤ 10,000, a tenth more
        /// spares, and <c>(other)</c>): a short holds them and keeps the slot at 40 bytes.
        /// </summary>
        public short Segment;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// The shard's index from prediction id to ring slot: open addressing with linear probing over one
/// array of 8-byte entries (the id's hash in the high half, slot + 1 in the low half, 0 for empty).
/// </summary>
/// <remarks>
/// <para>
/// The id's hash (the randomized string hash, so ids chosen to collide cannot degrade the table) is
/// computed once per lookup by <see cref="OutcomeStore"/>, and once per logged prediction when
/// <see cref="Drain"/> indexes it — never on the logging path, which only appends to the ring. It serves
/// the home position (its high bits, by Fibonacci hashing) and the stored fingerprint. A new id costs one
/// probe run in one array, usually one cache line, and reads no stored id unless a full 32-bit hash
/// matches. Removing a dropped slot's entry finds it by hash and slot (no string compare) and shifts the
/// entries after it back (no tombstones, so probe runs stay short).
/// </para>
/// <para>The table has at least twice as many entries as the ring has slots: a load factor of at most ½.</para>
/// </remarks>
internal sealed partial class OutcomeShard
{
    // The newest _unindexed entries of the ring are not in the index yet; _stale holds the (hash, slot)
    // index entries of indexed slots dropped since the last Drain. Indexed entries plus stale ones never
    // exceed the ring's slots, so the index (twice as many cells) stays at most half full.
    private int _unindexed;
    private long[] _stale = [];
    private int _staleCount;
    private ulong[] _table = new ulong[2 * InitialSlots];
    private int _tableShift = 64 - BitOperations.Log2(2 * InitialSlots);

    /// <summary>
    /// Indexes the predictions appended since the last call, oldest first, and removes the index
    /// entries of slots dropped since: a prediction whose id is held already is a duplicate (or, held
    /// as an early outcome, joins it) exactly as if it had been looked up when it was logged.
    /// </summary>
    public void Drain()
    {
        for (int i = 0; i < _staleCount; i++)
        {
            Remove((int)(_stale[i] >> 32), (int)_stale[i]);
        }

        _staleCount = 0;
        for (int k = _count - _unindexed; k < _count; k++)
        {
            int slot = RingSlot(k);
            ref Slot entry = ref _slots[slot];
            entry.Hash = HashOf(entry.Id!);
            int position = Find(entry.Id!, entry.Hash);
            if (position < 0)
            {
                Insert(entry.Hash, slot);
                continue;
            }

            ref Slot existing = ref _slots[position];
            if (existing.State == SlotState.EarlyOutcome)
            {
                // The outcome arrived first: score it now, in the prediction's window and the outcome's.
                existing.State = SlotState.Joined;
                var probabilities = entry.State == SlotState.PendingWithProbabilities
                    ? _probabilities.AsSpan(slot * _probabilityWidth, _probabilityWidth)
                    : default;
                Score(entry.Value, probabilities, existing.Value, entry.Epoch, existing.Epoch, existing.Ticks, entry.Segment);
            }
            else
            {
                DuplicatePredictionIds++;
            }

            // Not a pending prediction of its own: never indexed, dropped as it reaches the head.
            Pending--;
            entry = new Slot { State = SlotState.Settled };
        }

        _unindexed = 0;
    }

    /// <summary>
    /// An id's index hash: the index position and its fingerprint come from it (randomized per
    /// process, so ids chosen to collide cannot slow the index). Computed once per lookup, and for a
    /// logged prediction only when it is indexed — off the logging path.
    /// </summary>
    internal static int HashOf(string id) => id.GetHashCode(StringComparison.Ordinal);

    /// <summary>The slot of <paramref name="id"/>, or −1.</summary>
    private int Find(string id, int hash)
    {
        var table = _table;
        int mask = table.Length - 1;
        for (int i = Home(hash); ; i = (i + 1) & mask)
        {
            ulong entry = table[i];
            if (entry == 0)
            {
                return -1;
            }

            int slot = (int)(uint)entry - 1;
            if ((int)(entry >> 32) == hash && string.Equals(_slots[slot].Id, id, StringComparison.Ordinal))
            {
                return slot;
            }
        }
    }

    /// <summary>Indexes <paramref name="slot"/> under <paramref name="hash"/> (its id is not indexed yet).</summary>
    private void Insert(int hash, int slot)
    {
        var table = _table;
        int mask = table.Length - 1;
        int i = Home(hash);
        while (table[i] != 0)
        {
            i = (i + 1) & mask;
        }

        table[i] = ((ulong)(uint)hash << 32) | (uint)(slot + 1);
    }

    /// <summary>Removes the entry of <paramref name="slot"/>, indexed under <paramref name="hash"/>.</summary>
    private void Remove(int hash, int slot)
    {
        var table = _table;
        int mask = table.Length - 1;
        ulong wanted = ((ulong)(uint)hash << 32) | (uint)(slot + 1);
        int hole = Home(hash);
        while (table[hole] != wanted)
        {
            if (table[hole] == 0)
            {
                return; // not indexed: nothing to remove (never expected; a guard against a lost entry looping forever)
            }

            hole = (hole + 1) & mask;
        }

        // Backward shift: an entry after the hole moves into it unless its home lies cyclically in (hole, j].
        for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask)
        {
            int home = Home((int)(table[j] >> 32));
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                table[hole] = table[j];
                hole = j;
            }
        }

        table[hole] = 0;
    }

    /// <summary>Rebuilds the table for a ring of <paramref name="slots"/> slots holding <see cref="_count"/> entries from slot 0 on.</summary>
    private void Reindex(int slots)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2 * InitialSlots, 2 * slots));
        _table = new ulong[size];
        _tableShift = 64 - BitOperations.Log2((uint)size);
        for (int i = 0; i < _count; i++)
        {
            if (_slots[i].State != SlotState.Settled)
            {
                Insert(_slots[i].Hash, i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(int hash) => (int)(((ulong)(uint)hash * 0x9E3779B97F4A7C15UL) >> _tableShift);
}

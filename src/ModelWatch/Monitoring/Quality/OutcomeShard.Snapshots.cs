namespace ModelWatch.Monitoring;

/// <summary>The shard's held entries out to a snapshot and back.</summary>
internal sealed partial class OutcomeShard
{
    /// <summary>The held entries, oldest first (under the lock).</summary>
    public void Export(List<PendingSnapshot> into)
    {
        Drain();
        for (int i = 0; i < _count; i++)
        {
            int slot = RingSlot(i);
            ref Slot entry = ref _slots[slot];
            if (entry.State == SlotState.Settled)
            {
                continue;
            }

            into.Add(new PendingSnapshot
            {
                Id = entry.Id,
                Ticks = entry.Ticks,
                Epoch = entry.Epoch,
                Value = entry.Value,
                State = (int)entry.State,
                Segment = entry.Segment == NoSegment ? null : entry.Segment,
                Probabilities = entry.State == SlotState.PendingWithProbabilities ? _probabilities.AsSpan(slot * _probabilityWidth, _probabilityWidth).ToArray() : null,
            });
        }
    }

    /// <summary>Takes back a held entry from a snapshot (under the lock); entries beyond the capacity evict the oldest as usual.</summary>
    public void Import(PendingSnapshot entry, int hash)
    {
        var state = (SlotState)entry.State;
        if (entry.Id is null || !Enum.IsDefined(state) || Contains(entry.Id, hash))
        {
            return;
        }

        int slot = Append(entry.Id, hash, entry.Ticks, entry.Epoch, entry.Value);
        _slots[slot].State = state;
        _slots[slot].Segment = entry.Segment is >= 0 and <= short.MaxValue and int segment ? (short)segment : (short)NoSegment;
        if (state == SlotState.PendingWithProbabilities)
        {
            if (entry.Probabilities?.Length == _probabilityWidth)
            {
                entry.Probabilities.CopyTo(_probabilities.AsSpan(slot * _probabilityWidth, _probabilityWidth));
            }
            else
            {
                _slots[slot].State = SlotState.Pending;
            }
        }

        if (state is SlotState.Pending or SlotState.PendingWithProbabilities)
        {
            Pending++;
        }

        if (entry.Ticks > LatestTicks)
        {
            LatestTicks = entry.Ticks;
        }
    }
}

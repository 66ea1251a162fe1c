namespace ModelWatch.Monitoring;

/// <summary>The rows the logging path refuses: event times too far ahead of the clock, and calls whose feature counts do not fit the schema — each counted, never thrown (unless strict).</summary>
internal sealed partial class ModelMonitor
{
    /// <summary>
    /// Checks an explicit event time against the clock (the timed branch only; live calls never
    /// come here): one further ahead than <see cref="ModelDefinition.MaxEventTimeLead"/> is counted
    /// as invalid time (thrown when strict) and the row is dropped.
    /// </summary>
    /// <param name="timestamp">The event time.</param>
    /// <param name="clocked">Whether the clock closes the event's sub-window: it is the clock's or later.</param>
    /// <param name="epoch">The event's sub-window (time windows).</param>
    /// <returns>Whether the row may be recorded.</returns>
    private bool AcceptEventTime(DateTimeOffset timestamp, out bool clocked, out long epoch)
    {
        long now = _time.GetUtcNow().UtcTicks;
        long ticks = timestamp.UtcTicks;
        clocked = false;
        epoch = 0;
        if (ticks - now > _maxEventTimeLeadTicks)
        {
            if (Definition.Strict)
            {
                throw StrictInput.FutureTime(Definition, timestamp, new DateTimeOffset(now, TimeSpan.Zero));
            }

            CountInvalidTime();
            return false;
        }

        if (_clock is not null)
        {
            epoch = _clock.EpochOf(ticks);
            clocked = epoch >= _clock.EpochOf(now);
        }

        return true;
    }

    /// <summary>Counts a row whose event time was too far ahead of the clock, in the shard's totals (no window holds it).</summary>
    private void CountInvalidTime()
    {
        var shard = EnterShard();
        try
        {
            shard.Left.InvalidTimes++;
        }
        finally
        {
            shard.Exit();
        }
    }

    private void CountSchemaViolation()
    {
        var shard = EnterShard();
        try
        {
            long epoch = _clock is null ? _sequence.CurrentEpoch() : _clock.Now();
            _shards.AccumulatorFor(shard, epoch, clocked: true).SchemaViolations++;
        }
        finally
        {
            shard.Exit();
        }
    }
}

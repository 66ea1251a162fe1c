namespace ModelWatch.Monitoring;

/// <summary>The monitor's outcome path: ground truth for a logged prediction, matched in the outcome store.</summary>
internal sealed partial class ModelMonitor
{
    private void Outcome(string predictionId, double actual, bool live, DateTimeOffset timestamp)
    {
        if (_outcomes is null)
        {
            throw new InvalidOperationException($"Model '{ModelName}' declares no task, so it has no outcomes; declare one with .BinaryClassification(), .MulticlassClassification(classes) or .Regression().");
        }

        if (predictionId is null)
        {
            if (Definition.Strict)
            {
                throw new ArgumentNullException(nameof(predictionId));
            }

            _outcomes.CountInvalid();
            return;
        }

        if (!live && timestamp.UtcTicks - _time.GetUtcNow().UtcTicks > _maxEventTimeLeadTicks)
        {
            if (Definition.Strict)
            {
                throw StrictInput.FutureTime(Definition, timestamp, _time.GetUtcNow());
            }

            // An outcome claiming a time ahead of the clock cannot be placed in an arrival window.
            _outcomes.CountInvalid();
            return;
        }

        long arrival = _clock is null ? _sequence.CurrentEpoch() : live ? _clock.Now() : _clock.EpochOf(timestamp);
        long ticks = live ? _utcClock.UtcTicksNow() : timestamp.UtcTicks;
        _outcomes.AddOutcome(predictionId, actual, ticks, arrival, live);
    }
}

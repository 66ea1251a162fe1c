using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>The monitor's logging path: one row into the calling thread's shard.</summary>
internal sealed partial class ModelMonitor
{
    /// <summary>The logging path: one row into the calling thread's shard, then its id into the outcome store.</summary>
    /// <param name="entry">The prediction.</param>
    /// <param name="latencySeconds">How long the timed inference took (null when not timed).</param>
    private void Record(in PredictionEntry entry, double? latencySeconds)
    {
        if (_samplingThreshold != ulong.MaxValue && !Sampler.Keep(_samplingThreshold))
        {
            return;
        }

        var features = entry.Features;
        var categories = entry.Categories;
        double prediction = entry.Value;
        if (features.Length != _numericFeatures || categories.Length != _categoricalFeatures)
        {
            if (Definition.Strict)
            {
                throw StrictInput.WrongCounts(Definition, features.Length, categories.Length);
            }

            CountSchemaViolation();
            return;
        }

        if (Definition.Strict)
        {
            StrictInput.Check(Definition, features, prediction);
        }

        bool live = entry.Timestamp is null;

        // Whether the clock closes the event's sub-window: live events, and timed ones in the
        // clock's sub-window or ahead of it (replayed older ones close as newer ones arrive).
        bool clocked = live;
        long timedEpoch = 0;
        if (!live && !AcceptEventTime(entry.Timestamp.GetValueOrDefault(), out clocked, out timedEpoch))
        {
            return;
        }

        var shard = EnterShard();
        long epoch;
        long reading = 0; // the window clock's reading for a live event (its pending time, for an id)
        int segment = OutcomeShard.NoSegment; // remembered with a pending prediction: its outcome counts in this segment
        try
        {
            // The clock is read under the lock: the evaluator reads it before it harvests a shard,
            // so a live event either is harvested or carries an epoch the evaluator has not closed.
            epoch = _clock is null ? _sequence.NextEpoch() : live ? _clock.Now(ref shard.Clock, out reading) : timedEpoch;

            var acc = _shards.AccumulatorFor(shard, epoch, clocked);
            int routedBucket = -1; // the segment column's reference bucket, when routing found it
            int routedColumn = -1;
            if (acc.Segments is { } segments)
            {
                // The row counts in its segment only; the whole model is the merge of its segments.
                acc = _segments!.Route(segments, entry.Segment, categories, acc.Layout.Reference, out segment, out routedBucket);
                routedColumn = routedBucket >= 0 ? _segments.BucketColumn : -1;
            }

            var layout = acc.Layout;
            layout.Rows.Add(acc, features, prediction);
            acc.Events++;
            if (!_numericOnly || latencySeconds is not null || entry.Id is not null || layout.Multivariate is not null || acc.CoMoments is not null)
            {
                RecordBeyondNumbers(acc, in entry, latencySeconds, shard, epoch, reading, live, segment, routedBucket, routedColumn);
            }
        }
        finally
        {
            shard.Exit();
        }
    }

    /// <summary>
    /// The rest of a logged row, under the shard's lock: its categorical values and class label,
    /// the latency, the classifier's estimate, the multivariate error, the co-moments and the id.
    /// Out of <see cref="Record"/>'s body so that a model that counts only numbers does not pay
    /// for them: the inlined whole held more values than registers, spilling on every call.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordBeyondNumbers(WindowAccumulator acc, in PredictionEntry entry, double? latencySeconds, MonitorShard shard, long epoch, long reading, bool live, int segment, int routedBucket, int routedColumn)
    {
        var features = entry.Features;
        var categories = entry.Categories;
        double prediction = entry.Value;
        var layout = acc.Layout;
        var reference = layout.Reference;
        for (int c = 0; c < categories.Length; c++)
        {
            if (c == routedColumn)
            {
                acc.AddCategoricalAt(c, categories[c]!, routedBucket, reference!.Categorical[c]);
                continue;
            }

            string? value = _hashKey is not null && _hashed[c] ? CategoryHashing.Hash(_hashKey, categories[c]) : categories[c];
            acc.AddCategorical(c, value, reference?.Categorical[c]);
        }

        if (_categoricalPrediction)
        {
            acc.AddCategorical(categories.Length, ClassLabels.Of(prediction), reference?.Categorical[categories.Length]);
        }

        if (latencySeconds is double seconds)
        {
            acc.AddLatency(seconds, failed: false);
        }

        if (_classifier)
        {
            acc.AddEstimation(prediction, entry.ClassProbabilities);
        }

        if (layout.Multivariate is { } multivariate)
        {
            acc.AddReconstruction(multivariate.Scorer.TryScore(features, categories, out double error), error);
        }

        acc.CoMoments?.Add(features, categories);
        if (entry.Id is { } id && _outcomes is not null)
        {
            // Into the shard's stage, under the lock already held: no second lock on the call.
            long ticks = !live ? entry.Timestamp.GetValueOrDefault().UtcTicks : _clock is not null ? _clock.UtcTicksAt(reading) : _utcClock.UtcTicksNow();
            _outcomes.AddPrediction(shard, id, ticks, epoch, prediction, entry.ClassProbabilities, live, segment);
        }
    }
}

using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// The monitor of one model version: the logging hot path over sharded sub-window accumulators,
/// and the hand-over of their contents to the evaluator.
/// </summary>
/// <remarks>
/// <para>
/// <b>Hot path.</b> A call picks its shard by its thread's slot (<see cref="ThreadSlot"/>), computes the sub-window
/// (epoch) of its time, takes the shard's spin lock, updates the accumulator for that epoch and
/// releases the lock: no allocation, no shared write outside the shard, no I/O. When a call's
/// epoch is newer than the shard's accumulator, the call seals the accumulator (a lock-free
/// enqueue) and continues in an empty one from the pool — that is window rotation, and it never
/// waits for the evaluator. Older epochs (replays, stragglers) go to a second "late" accumulator.
/// </para>
/// <para>
/// <b>Hand-over.</b> <see cref="CollectLocked"/>, called by the evaluator, swaps each shard's
/// accumulators for empty ones under the lock (O(1)) and merges what it took, together with the
/// sealed queue, into one accumulator per epoch.
/// </para>
/// </remarks>
internal sealed partial class ModelMonitor : IModelMonitor
{
    private readonly TimeProvider _time;
    private readonly WindowClock? _clock;

    // The window clock, or for count windows a clock kept only for the time of pending predictions.
    private readonly WindowClock _utcClock;
    private readonly ulong _samplingThreshold;
    private readonly int _numericFeatures;
    private readonly int _categoricalFeatures;
    private readonly FeatureMappers _mappers;
    private readonly MonitorShards _shards;
    private readonly MonitorMetrics? _metrics;
    private readonly OutcomeStore? _outcomes;
    private readonly bool _classifier;

    // Nothing but numbers to count: no categorical features, no class label, no classifier estimate.
    private readonly bool _numericOnly;
    private readonly bool _categoricalPrediction;
    private readonly byte[]? _hashKey;
    private readonly bool[] _hashed;
    private readonly int _classes;
    private readonly CountSequence _sequence;
    private readonly long _maxEventTimeLeadTicks;
    private readonly MonitorSegments? _segments;

    public ModelMonitor(ModelDefinition definition, TimeProvider time, int shardCount, ReferenceProfile? reference, MonitorMetrics? metrics = null)
    {
        if (reference is not null && definition.CategoryHashKey is { } key)
        {
            // A supplied reference holds the raw values; the windows will hold their hashes.
            reference = CategoryHashing.Apply(reference, key, definition.HashedColumns);
        }

        Definition = definition;
        _time = time;
        _metrics = metrics;
        if (!definition.WindowIsCount)
        {
            _clock = new WindowClock(time, definition.SubWindowLength, definition.Alignment);
        }

        _utcClock = _clock ?? new WindowClock(time, TimeSpan.FromHours(1));

        _samplingThreshold = Sampler.ThresholdFor(definition.SamplingRate);
        _maxEventTimeLeadTicks = definition.MaxEventTimeLead.Ticks;
        _numericFeatures = definition.Schema.NumericFeatures.Length;
        _categoricalFeatures = definition.Schema.CategoricalFeatures.Length;
        _mappers = new FeatureMappers(definition.Name, definition.Mappers);
        _categoricalPrediction = definition.Schema.Prediction == PredictionKind.Categorical;
        _hashKey = definition.CategoryHashKey;
        _numericOnly = _categoricalFeatures == 0 && !_categoricalPrediction && !definition.Quality.IsClassification;
        _hashed = definition.HashedCategorical;
        State = new MonitorState(definition.History)
        {
            MultivariateCalibration = definition.MultivariateProduction is { } production ? new MultivariateCalibration(production.CalibrationWindows) : null,
        };
        _segments = definition.Segments is null ? null : new MonitorSegments(definition, reference, () => _shards!.Layout);
        var quality = definition.Quality;
        if (quality.Task != ModelTask.None)
        {
            Quality = new QualityTracker(definition, quality) { Segments = _segments is null ? null : new SegmentQuality(definition, quality, _segments.Keys) };
            _segments?.Quality = Quality.Segments;
            _classifier = quality.IsClassification;
            _classes = quality.Classes;
        }

        var dropped = new DroppedSubWindows();
        Collected = new CollectedWindows(definition.Schema, Quality, () => _shards!.Layout, dropped) { Segments = _segments?.Windows };
        _sequence = new CountSequence(definition.SubWindowSize);
        var layout = new MonitorLayout(definition.Schema, reference, definition.CategoryCapacity, definition.KeepProfiles, definition.ExactSamples)
        {
            Estimation = definition.Quality.Estimation,
            Multivariate = definition.Multivariate,
            GatherCoMoments = reference is null && definition.MultivariateProduction is not null,
            SegmentSlots = reference is null ? 0 : SegmentSlots,
        };
        _shards = new MonitorShards(shardCount, layout, accumulator => Collected.Fold(accumulator, _shards!.Layout), dropped);
        if (Quality is not null)
        {
            _outcomes = new OutcomeStore(quality, _shards, SegmentSlots);
        }
    }

    /// <summary>The predictions waiting for outcomes (null when the model declares no task).</summary>
    internal OutcomeStore? Outcomes => _outcomes;

    /// <summary>The evaluator's quality state (null when the model declares no task).</summary>
    internal QualityTracker? Quality { get; }

    /// <summary>What the evaluator has collected from the shards (guarded by <see cref="CollectLock"/>).</summary>
    internal CollectedWindows Collected { get; }

    /// <summary>
    /// The monitor's counts since it started, read now (restored ones included): a copy, taken
    /// without moving anything, so a metrics scrape never changes the monitor.
    /// </summary>
    internal MonitorTotals Totals => ReadTotals(null);

    /// <summary>
    /// <see cref="Totals"/> read into <paramref name="reuse"/> when it has this monitor's columns
    /// (a metrics callback reads every monitor's totals with one instance), else into new totals.
    /// </summary>
    internal MonitorTotals ReadTotals(MonitorTotals? reuse)
    {
        var totals = reuse is not null && reuse.Fits(Schema) ? reuse : new MonitorTotals(Schema);
        totals.Clear();
        lock (CollectLock)
        {
            totals.Add(Collected.RestoredTotals);
        }

        _shards.AddCountsTo(totals);
        return totals;
    }

    /// <summary>What the bounded queues dropped unevaluated because the evaluator fell behind.</summary>
    internal DroppedSubWindows Dropped => Collected.Dropped;

    /// <summary>The evaluator's state for this monitor: latest report, history, alerts.</summary>
    internal MonitorState State { get; }

    /// <summary>Held while collecting and while the evaluator reads the collected epochs.</summary>
    internal Lock CollectLock => _shards.CollectLock;

    public ModelDefinition Definition { get; }

    public string ModelName => Definition.Name;

    public string ModelVersion => Definition.Version;

    public ModelSchema Schema => Definition.Schema;

    internal MonitorLayout Layout => _shards.Layout;

    internal WindowClock? Clock => _clock;

    internal int ShardCount => _shards.Count;

    public void Log(in PredictionEntry prediction)
    {
        if (prediction.ClassProbabilities.IsEmpty)
        {
            Record(in prediction, latencySeconds: null);
        }
        else
        {
            RecordProbabilities(in prediction);
        }
    }

    public void RecordOutcome(string predictionId, double actual) => Outcome(predictionId, actual, live: true, default);

    public void RecordOutcome(string predictionId, double actual, DateTimeOffset timestamp) => Outcome(predictionId, actual, live: false, timestamp);

    public void LogInput<TInput>(TInput input, double prediction)
    {
        var mapper = _mappers.Find<TInput>();
        var scratch = ScratchBuffers.Get(_numericFeatures, _categoricalFeatures);
        var numeric = scratch.Numeric.AsSpan(0, _numericFeatures);
        var categorical = scratch.Categorical.AsSpan(0, _categoricalFeatures);
        try
        {
            mapper(input, numeric, categorical);
        }
        catch (Exception) when (!Definition.Strict)
        {
            // A mapper that throws is bad input: counted, never propagated to the host.
            CountSchemaViolation();
            return;
        }

        Record(new PredictionEntry { Features = numeric, Categories = categorical, Value = prediction }, latencySeconds: null);
        categorical.Clear(); // do not keep the caller's strings alive in the thread's buffer
    }

    public PredictionScope StartPrediction() => new(this, _time.GetTimestamp());

    internal void LogCompleted(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, long start)
    {
        double seconds = _time.GetElapsedTime(start).TotalSeconds;
        Record(new PredictionEntry { Features = features, Categories = categories, Value = prediction }, seconds);
        _metrics?.RecordDuration(seconds, failed: false);
    }

    internal void RecordFailure(long start)
    {
        double seconds = _time.GetElapsedTime(start).TotalSeconds;
        long epoch = _clock is null ? _sequence.CurrentEpoch() : _clock.Now();
        var shard = EnterShard();
        try
        {
            _shards.AccumulatorFor(shard, epoch, clocked: true).AddLatency(seconds, failed: true);
        }
        finally
        {
            shard.Exit();
        }

        _metrics?.RecordDuration(seconds, failed: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MonitorShard EnterShard() => _shards.EnterShard();

    private void RecordProbabilities(in PredictionEntry entry)
    {
        if (Definition.Quality.Task != ModelTask.MulticlassClassification)
        {
            throw new InvalidOperationException($"Model '{ModelName}' is not declared a multiclass classifier; declare it with .MulticlassClassification(classes) to log class probabilities.");
        }

        var probabilities = entry.ClassProbabilities;
        if (probabilities.Length != _classes)
        {
            if (Definition.Strict)
            {
                throw new ArgumentException($"Model '{ModelName}' has {_classes} classes; got {probabilities.Length} probabilities.", nameof(entry));
            }

            CountSchemaViolation();
            return;
        }

        int predicted = ClassProbabilities.MostProbable(probabilities, out int invalid);
        if (predicted < 0)
        {
            if (Definition.Strict)
            {
                throw new ArgumentException($"Model '{ModelName}': class probability {invalid} is {probabilities[invalid]}.", nameof(entry));
            }

            // A vector with an entry that is not a probability predicts no class: the row counts, its prediction is missing.
            Record(new PredictionEntry { Features = entry.Features, Categories = entry.Categories, Value = double.NaN, Id = entry.Id, Timestamp = entry.Timestamp, Segment = entry.Segment }, latencySeconds: null);
            return;
        }

        Record(new PredictionEntry { Features = entry.Features, Categories = entry.Categories, Value = predicted, ClassProbabilities = probabilities, Id = entry.Id, Timestamp = entry.Timestamp, Segment = entry.Segment }, latencySeconds: null);
    }
}

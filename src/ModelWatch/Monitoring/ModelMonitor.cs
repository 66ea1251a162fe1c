using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// The monitor of one model version: the logging hot path over sharded sub-window accumulators,
/// and the hand-over of their contents to the evaluator.
/// </summary>
/// <remarks>
/// <para>
/// <b>Hot path.</b> A call picks its shard from the managed thread id, computes the sub-window
/// (epoch) of its time, takes the shard's spin lock, updates the accumulator for that epoch and
/// releases the lock: no allocation, no shared write outside the shard, no I/O. When a call's
/// epoch is newer than the shard's accumulator, the call seals the accumulator (a lock-free
/// enqueue) and continues in an empty one from the pool — that is window rotation, and it never
/// waits for the evaluator. Older epochs (replays, stragglers) go to a second "late" accumulator.
/// </para>
/// <para>
/// <b>Hand-over.</b> <see cref="Collect"/>, called by the evaluator, swaps each shard's
/// accumulators for empty ones under the lock (O(1)) and merges what it took, together with the
/// sealed queue, into one accumulator per epoch.
/// </para>
/// </remarks>
internal sealed class ModelMonitor : IModelMonitor
{
    private const int MaxSealedBeforeSelfCollect = 4_096;

    private readonly TimeProvider _time;
    private readonly WindowClock? _clock;
    private readonly MonitorShard[] _shards;
    private readonly int _shardMask;
    private readonly ulong _samplingThreshold;
    private readonly int _numericFeatures;
    private readonly int _categoricalFeatures;
    private readonly KeyValuePair<Type, Delegate>[] _mappers;
    private readonly ConcurrentQueue<WindowAccumulator> _sealed = new();
    private readonly Stack<WindowAccumulator> _pool = new();
    private readonly Lock _poolLock = new();
    private readonly Lock _collectLock = new();
    private readonly MonitorMetrics? _metrics;
    private readonly OutcomeStore? _outcomes;
    private readonly bool _classifier;
    private readonly byte[]? _hashKey;
    private readonly bool[] _hashed;
    private readonly int _classes;
    private volatile MonitorLayout _layout;
    private long _sequence;

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
            _clock = new WindowClock(time, definition.SubWindowLength);
        }

        int shards = 1;
        while (shards < shardCount)
        {
            shards <<= 1;
        }

        _shards = new MonitorShard[shards];
        for (int i = 0; i < shards; i++)
        {
            _shards[i] = new MonitorShard();
        }

        _shardMask = shards - 1;
        _samplingThreshold = Sampler.ThresholdFor(definition.SamplingRate);
        _numericFeatures = definition.Schema.NumericFeatures.Length;
        _categoricalFeatures = definition.Schema.CategoricalFeatures.Length;
        _mappers = [.. definition.Mappers];
        _hashKey = definition.CategoryHashKey;
        _hashed = definition.HashedCategorical;
        _layout = new MonitorLayout(definition.Schema, reference, definition.CategoryCapacity, definition.KeepProfiles);
        Totals = new MonitorTotals(definition.Schema);
        State = new MonitorState(definition.History);
        var quality = definition.Quality;
        if (quality.Task != ModelTask.None)
        {
            _outcomes = new OutcomeStore(quality, shards);
            Quality = new QualityTracker(definition, quality);
            _classifier = quality.IsClassification;
            _classes = quality.Classes;
        }
    }

    /// <summary>The predictions waiting for outcomes (null when the model declares no task).</summary>
    internal OutcomeStore? Outcomes => _outcomes;

    /// <summary>The evaluator's quality state (null when the model declares no task).</summary>
    internal QualityTracker? Quality { get; }

    /// <summary>Running totals for the observable counters (updated by <see cref="Collect"/>).</summary>
    internal MonitorTotals Totals { get; }

    /// <summary>The evaluator's state for this monitor: latest report, history, alerts.</summary>
    internal MonitorState State { get; }

    /// <summary>Held while collecting and while the evaluator reads the collected epochs.</summary>
    internal Lock CollectLock => _collectLock;

    public ModelDefinition Definition { get; }

    public string ModelName => Definition.Name;

    public string ModelVersion => Definition.Version;

    public ModelSchema Schema => Definition.Schema;

    internal MonitorLayout Layout => _layout;

    internal WindowClock? Clock => _clock;

    internal int ShardCount => _shards.Length;

    public void Log(ReadOnlySpan<double> features, double prediction) =>
        Record(features, default, prediction, live: true, default, double.NaN, failed: false);

    public void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction) =>
        Record(features, categories, prediction, live: true, default, double.NaN, failed: false);

    public void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, DateTimeOffset timestamp) =>
        Record(features, categories, prediction, live: false, timestamp, double.NaN, failed: false);

    public void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, string? predictionId) =>
        Record(features, categories, prediction, live: true, default, double.NaN, failed: false, predictionId);

    public void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, string? predictionId, DateTimeOffset timestamp) =>
        Record(features, categories, prediction, live: false, timestamp, double.NaN, failed: false, predictionId);

    public void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, ReadOnlySpan<double> classProbabilities, string? predictionId) =>
        RecordProbabilities(features, categories, classProbabilities, live: true, default, predictionId);

    public void Log(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, ReadOnlySpan<double> classProbabilities, string? predictionId, DateTimeOffset timestamp) =>
        RecordProbabilities(features, categories, classProbabilities, live: false, timestamp, predictionId);

    public void RecordOutcome(string predictionId, double actual) => Outcome(predictionId, actual, live: true, default);

    public void RecordOutcome(string predictionId, double actual, DateTimeOffset timestamp) => Outcome(predictionId, actual, live: false, timestamp);

    public void LogInput<TInput>(TInput input, double prediction)
    {
        var mapper = FindMapper<TInput>();
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

        Record(numeric, categorical, prediction, live: true, default, double.NaN, failed: false);
        categorical.Clear(); // do not keep the caller's strings alive in the thread's buffer
    }

    public PredictionScope StartPrediction() => new(this, _time.GetTimestamp());

    internal void LogCompleted(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, long start)
    {
        double seconds = _time.GetElapsedTime(start).TotalSeconds;
        Record(features, categories, prediction, live: true, default, seconds, failed: false);
        _metrics?.RecordDuration(seconds, failed: false);
    }

    internal void RecordFailure(long start)
    {
        double seconds = _time.GetElapsedTime(start).TotalSeconds;
        var shard = Shard();
        long epoch = _clock is null ? CurrentCountEpoch() : _clock.Now();
        shard.Enter();
        try
        {
            AccumulatorFor(shard, epoch, live: true).AddLatency(seconds, failed: true);
        }
        finally
        {
            shard.Exit();
        }

        _metrics?.RecordDuration(seconds, failed: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MonitorShard Shard() => _shards[Environment.CurrentManagedThreadId & _shardMask];

    private void Record(
        ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, bool live, DateTimeOffset timestamp, double latency, bool failed,
        string? predictionId = null, ReadOnlySpan<double> probabilities = default)
    {
        if (_samplingThreshold != ulong.MaxValue && !Sampler.Keep(_samplingThreshold))
        {
            return;
        }

        if (features.Length != _numericFeatures || categories.Length != _categoricalFeatures)
        {
            if (Definition.Strict)
            {
                throw new ArgumentException(
                    $"Model '{ModelName}' expects {_numericFeatures} numeric and {_categoricalFeatures} categorical features; got {features.Length} and {categories.Length}.",
                    nameof(features));
            }

            CountSchemaViolation();
            return;
        }

        if (Definition.Strict)
        {
            StrictCheck(features, prediction);
        }

        var shard = Shard();
        long epoch;
        shard.Enter();
        try
        {
            // The clock is read under the lock: the evaluator reads it before it harvests a shard,
            // so a live event either is harvested or carries an epoch the evaluator has not closed.
            epoch = _clock is null ? NextCountEpoch() : live ? _clock.Now() : _clock.EpochOf(timestamp);

            var acc = AccumulatorFor(shard, epoch, live);
            var layout = acc.Layout;
            var reference = layout.Reference;
            var predictionKind = Definition.Schema.Prediction;
            if (reference is not null)
            {
                acc.AddBinnedRow(features, prediction, predictionKind == PredictionKind.Numeric);
            }
            else
            {
                for (int c = 0; c < features.Length; c++)
                {
                    acc.AddUnbinned(c, features[c]);
                }

                if (predictionKind == PredictionKind.Numeric)
                {
                    acc.AddUnbinned(features.Length, prediction);
                }
            }

            for (int c = 0; c < categories.Length; c++)
            {
                string? value = _hashKey is not null && _hashed[c] ? CategoryHashing.Hash(_hashKey, categories[c]) : categories[c];
                acc.AddCategorical(c, value, reference?.Categorical[c]);
            }

            if (predictionKind == PredictionKind.Categorical)
            {
                acc.AddCategorical(categories.Length, ClassLabels.Of(prediction), reference?.Categorical[categories.Length]);
            }

            acc.Events++;
            if (!double.IsNaN(latency))
            {
                acc.AddLatency(latency, failed);
            }

            if (_classifier)
            {
                AddConfidence(acc, prediction, probabilities);
            }
        }
        finally
        {
            shard.Exit();
        }

        if (predictionId is not null && _outcomes is not null)
        {
            long ticks = live ? _time.GetUtcNow().UtcTicks : timestamp.UtcTicks;
            _outcomes.AddPrediction(predictionId, ticks, epoch, prediction, probabilities, live);
        }
    }

    /// <summary>The probability of the predicted class, for the label-free accuracy estimate.</summary>
    private void AddConfidence(WindowAccumulator acc, double prediction, ReadOnlySpan<double> probabilities)
    {
        if (Definition.Quality.Task == ModelTask.BinaryClassification)
        {
            if (prediction is >= 0 and <= 1)
            {
                acc.ConfidenceSum += prediction >= Definition.Quality.DecisionThreshold ? prediction : 1 - prediction;
                acc.ConfidenceCount++;
            }
        }
        else if (probabilities.Length == _classes && prediction >= 0 && prediction < _classes)
        {
            acc.ConfidenceSum += probabilities[(int)prediction];
            acc.ConfidenceCount++;
        }
    }

    private void RecordProbabilities(ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, ReadOnlySpan<double> probabilities, bool live, DateTimeOffset timestamp, string? predictionId)
    {
        if (Definition.Quality.Task != ModelTask.MulticlassClassification)
        {
            throw new InvalidOperationException($"Model '{ModelName}' is not declared a multiclass classifier; declare it with .MulticlassClassification(classes) to log class probabilities.");
        }

        if (probabilities.Length != _classes)
        {
            if (Definition.Strict)
            {
                throw new ArgumentException($"Model '{ModelName}' has {_classes} classes; got {probabilities.Length} probabilities.", nameof(probabilities));
            }

            CountSchemaViolation();
            return;
        }

        // The predicted class is the most probable one; a vector with a non-finite entry has none.
        int predicted = 0;
        for (int c = 0; c < probabilities.Length; c++)
        {
            if (!double.IsFinite(probabilities[c]) || probabilities[c] < 0 || probabilities[c] > 1)
            {
                if (Definition.Strict)
                {
                    throw new ArgumentException($"Model '{ModelName}': class probability {c} is {probabilities[c]}.", nameof(probabilities));
                }

                Record(features, categories, double.NaN, live, timestamp, double.NaN, failed: false, predictionId);
                return;
            }

            if (probabilities[c] > probabilities[predicted])
            {
                predicted = c;
            }
        }

        Record(features, categories, predicted, live, timestamp, double.NaN, failed: false, predictionId, probabilities);
    }

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

        long arrival = _clock is null ? CurrentCountEpoch() : live ? _clock.Now() : _clock.EpochOf(timestamp);
        long ticks = live ? _time.GetUtcNow().UtcTicks : timestamp.UtcTicks;
        _outcomes.AddOutcome(predictionId, actual, ticks, arrival, live);
    }

    private void StrictCheck(ReadOnlySpan<double> features, double prediction)
    {
        for (int c = 0; c < features.Length; c++)
        {
            if (!double.IsFinite(features[c]))
            {
                throw new ArgumentException($"Model '{ModelName}': feature '{Schema.NumericFeatures[c]}' is {features[c]}.", nameof(features));
            }
        }

        if (Schema.Prediction != PredictionKind.None && !double.IsFinite(prediction))
        {
            throw new ArgumentException($"Model '{ModelName}': the prediction is {prediction}.", nameof(prediction));
        }
    }

    private void CountSchemaViolation()
    {
        var shard = Shard();
        shard.Enter();
        try
        {
            long epoch = _clock is null ? CurrentCountEpoch() : _clock.Now();
            AccumulatorFor(shard, epoch, live: true).SchemaViolations++;
        }
        finally
        {
            shard.Exit();
        }
    }

    /// <summary>
    /// The accumulator a call writes into; rotates the shard when the epoch moved on. Runs under
    /// the shard's lock.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private WindowAccumulator AccumulatorFor(MonitorShard shard, long epoch, bool live)
    {
        var current = shard.Current;
        if (current is not null && current.Epoch == epoch && ReferenceEquals(current.Layout, _layout))
        {
            return current;
        }

        return Rotate(shard, epoch, live);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WindowAccumulator Rotate(MonitorShard shard, long epoch, bool live)
    {
        var layout = _layout;
        var current = shard.Current;
        if (current is not null && ReferenceEquals(current.Layout, layout) && epoch < current.Epoch)
        {
            // An older event: keep it in the shard's late accumulator for that epoch.
            var late = shard.Late;
            if (late is null || late.Epoch != epoch || !ReferenceEquals(late.Layout, layout))
            {
                if (late is not null)
                {
                    Seal(late);
                }

                late = shard.Late = Rent(layout, epoch);
            }

            return late;
        }

        if (current is not null)
        {
            Seal(current);
        }

        shard.LastLive = live;
        return shard.Current = Rent(layout, epoch);
    }

    private void Seal(WindowAccumulator accumulator)
    {
        if (accumulator.IsEmpty)
        {
            Return(accumulator);
            return;
        }

        _sealed.Enqueue(accumulator);
        if (_sealed.Count > MaxSealedBeforeSelfCollect && _collectLock.TryEnter())
        {
            // Nobody is evaluating (a host that never started the evaluator, or a burst of
            // replayed epochs): fold the queue here so memory stays bounded.
            try
            {
                FoldSealed();
            }
            finally
            {
                _collectLock.Exit();
            }
        }
    }

    private WindowAccumulator Rent(MonitorLayout layout, long epoch)
    {
        lock (_poolLock)
        {
            while (_pool.Count > 0)
            {
                var pooled = _pool.Pop();
                if (ReferenceEquals(pooled.Layout, layout))
                {
                    pooled.Epoch = epoch;
                    return pooled;
                }
            }
        }

        var fresh = new WindowAccumulator(layout);
        fresh.Epoch = epoch;
        return fresh;
    }

    private void Return(WindowAccumulator accumulator)
    {
        if (!ReferenceEquals(accumulator.Layout, _layout))
        {
            return; // an old layout's accumulator: let it go
        }

        accumulator.Reset(long.MinValue);
        lock (_poolLock)
        {
            if (_pool.Count < 2 * _shards.Length + 4)
            {
                _pool.Push(accumulator);
            }
        }
    }

    // ---- count windows -------------------------------------------------------------------

    /// <summary>
    /// Epoch of the next prediction in a count window: one shared sequence number per prediction, so
    /// every window holds exactly its size (an atomic increment, about 3 ns alone and 9 ns contended by
    /// two threads; numbers reserved in per-shard blocks would leave windows short wherever a shard's
    /// block is left unfinished).
    /// </summary>
    private long NextCountEpoch() => (Interlocked.Increment(ref _sequence) - 1) / Definition.SubWindowSize;

    private long CurrentCountEpoch() => Volatile.Read(ref _sequence) / Definition.SubWindowSize;

    // ---- hand-over to the evaluator ------------------------------------------------------

    private readonly SortedDictionary<long, WindowAccumulator> _byEpoch = [];
    private WindowAccumulator? _preReference;

    /// <summary>
    /// Moves everything recorded so far into the per-epoch store (or, before a reference exists,
    /// into the pre-reference accumulator). Called by the evaluator; never blocks logging threads
    /// for more than a pointer swap.
    /// </summary>
    internal void Collect()
    {
        lock (_collectLock)
        {
            CollectLocked();
        }
    }

    /// <summary><see cref="Collect"/> for a caller that holds <see cref="CollectLock"/>.</summary>
    internal void CollectLocked()
    {
        {
            foreach (var shard in _shards)
            {
                WindowAccumulator? current, late;
                shard.Enter();
                try
                {
                    current = shard.Current is { IsEmpty: false } c ? c : null;
                    late = shard.Late;
                    if (current is not null)
                    {
                        shard.Current = Rent(current.Layout, current.Epoch);
                    }

                    shard.Late = null;
                }
                finally
                {
                    shard.Exit();
                }

                if (current is not null)
                {
                    Fold(current);
                }

                if (late is not null)
                {
                    Fold(late);
                }
            }

            FoldSealed();
        }
    }

    private void FoldSealed()
    {
        while (_sealed.TryDequeue(out var accumulator))
        {
            Fold(accumulator);
        }
    }

    private void Fold(WindowAccumulator accumulator)
    {
        if (accumulator.IsEmpty)
        {
            Return(accumulator);
            return;
        }

        Totals.Add(accumulator);
        if (accumulator.Events > 0)
        {
            Quality?.AddPredictions(accumulator.Epoch, accumulator.Events, accumulator.ConfidenceSum, accumulator.ConfidenceCount);
        }

        if (!accumulator.Layout.HasReference)
        {
            if (_preReference is null || !ReferenceEquals(_preReference.Layout, accumulator.Layout))
            {
                _preReference = new WindowAccumulator(accumulator.Layout) { Epoch = accumulator.Epoch };
            }

            _preReference.Merge(accumulator);
            Return(accumulator);
            return;
        }

        if (!ReferenceEquals(accumulator.Layout, _layout))
        {
            return; // recorded under a layout that has since been replaced
        }

        if (_byEpoch.TryGetValue(accumulator.Epoch, out var existing))
        {
            existing.Merge(accumulator);
            Return(accumulator);
        }
        else
        {
            _byEpoch.Add(accumulator.Epoch, accumulator);
        }
    }

    /// <summary>Adds a sub-window restored from a snapshot (collect lock held; totals are restored separately).</summary>
    internal void AddRestoredEpoch(WindowAccumulator accumulator)
    {
        if (accumulator.IsEmpty || !ReferenceEquals(accumulator.Layout, _layout))
        {
            return;
        }

        if (_byEpoch.TryGetValue(accumulator.Epoch, out var existing))
        {
            existing.Merge(accumulator);
        }
        else
        {
            _byEpoch.Add(accumulator.Epoch, accumulator);
        }

        if (accumulator.Events > 0)
        {
            Quality?.AddPredictions(accumulator.Epoch, accumulator.Events, accumulator.ConfidenceSum, accumulator.ConfidenceCount);
        }
    }

    /// <summary>Restores what was gathered towards a production reference (collect lock held).</summary>
    internal void SetPreReference(WindowAccumulator gathered)
    {
        if (_preReference is null)
        {
            _preReference = gathered;
        }
        else
        {
            _preReference.Merge(gathered);
        }
    }

    /// <summary>The epochs collected so far, oldest first (evaluator thread only).</summary>
    internal SortedDictionary<long, WindowAccumulator> CollectedEpochs => _byEpoch;

    /// <summary>What was recorded before a reference existed (evaluator thread only).</summary>
    internal WindowAccumulator? PreReference => _preReference;

    /// <summary>The sub-window in which gathering a production reference began.</summary>
    internal long FirstGatheredEpoch => _preReference?.Epoch ?? long.MaxValue;

    /// <summary>
    /// The newest epoch any shard has reached; for live time windows, at least the clock's epoch, so
    /// a window closes when its time is over even if no new prediction arrives.
    /// </summary>
    internal long Watermark()
    {
        long watermark = long.MinValue;
        bool live = false;
        foreach (var shard in _shards)
        {
            shard.Enter();
            try
            {
                if (shard.Current is { } c && c.Epoch > watermark)
                {
                    watermark = c.Epoch;
                    live = shard.LastLive;
                }
            }
            finally
            {
                shard.Exit();
            }
        }

        if (_clock is not null && (live || watermark == long.MinValue))
        {
            watermark = Math.Max(watermark, _clock.Now());
        }
        else if (_clock is null)
        {
            watermark = Math.Max(watermark, CurrentCountEpoch());
        }

        return watermark;
    }

    /// <summary>Drops collected epochs before <paramref name="epoch"/>.</summary>
    internal void Forget(long epoch)
    {
        while (_byEpoch.Count > 0)
        {
            long oldest = _byEpoch.Keys.First();
            if (oldest >= epoch)
            {
                break;
            }

            var accumulator = _byEpoch[oldest];
            _byEpoch.Remove(oldest);
            Return(accumulator);
        }
    }

    /// <summary>Installs a reference: from now on windows count over its bins (evaluator thread only).</summary>
    internal void InstallReference(ReferenceProfile reference)
    {
        _layout = new MonitorLayout(Definition.Schema, reference, Definition.CategoryCapacity, Definition.KeepProfiles);
        _preReference = null;
        lock (_poolLock)
        {
            _pool.Clear();
        }
    }

    private FeatureMapper<TInput> FindMapper<TInput>()
    {
        foreach (var (type, mapper) in _mappers)
        {
            if (type == typeof(TInput))
            {
                return (FeatureMapper<TInput>)mapper;
            }
        }

        throw new InvalidOperationException($"Model '{ModelName}' has no feature mapper for {typeof(TInput).Name}; register one with .Map<{typeof(TInput).Name}>(...).");
    }
}

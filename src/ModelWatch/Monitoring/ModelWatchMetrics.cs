using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.Json;

namespace ModelWatch.Monitoring;

/// <summary>
/// The <see cref="ModelWatchMeter"/> and its instruments. Per-call counts are pulled from the
/// monitors when a collector asks (observable instruments), so logging pays nothing for them; drift
/// gauges read each model's latest report.
/// </summary>
internal sealed partial class ModelWatchMetrics : IDisposable
{
    // Inference latencies are milliseconds to seconds; the SDK's default buckets assume millisecond-sized numbers.
    private static readonly double[] DurationBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Func<IReadOnlyCollection<ModelMonitor>> _monitors;

    public ModelWatchMetrics(IMeterFactory? factory, Func<IReadOnlyCollection<ModelMonitor>> monitors)
    {
        _monitors = monitors;
        var options = new MeterOptions(ModelWatchMeter.Name)
        {
            Version = typeof(ModelWatchMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
        };
        if (factory is not null)
        {
            _meter = factory.Create(options);
        }
        else
        {
            _meter = new Meter(options);
            _ownsMeter = true;
        }

        Duration = _meter.CreateHistogram<double>(
            ModelWatchInstruments.PredictionDuration, "s", "Duration of timed inference calls.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        Alerts = _meter.CreateCounter<long>(ModelWatchInstruments.DriftAlerts, "{alert}", "Drift alerts raised.");
        EvaluationErrors = _meter.CreateCounter<long>(ModelWatchInstruments.EvaluationErrors, "{evaluation}", "Model evaluations that failed.");
        StoreErrors = _meter.CreateCounter<long>(ModelWatchInstruments.StoreErrors, "{operation}", "Snapshots that could not be saved or read.");
        QualityAlerts = _meter.CreateCounter<long>(ModelWatchInstruments.QualityAlerts, "{alert}", "Quality alerts raised.");
        HandlerErrors = _meter.CreateCounter<long>(ModelWatchInstruments.HandlerErrors, "{call}", "Calls into alert handlers, retraining triggers and report subscribers that failed or timed out, and reports subscribers missed.");

        _meter.CreateObservableCounter(ModelWatchInstruments.Predictions, ObservePredictions, "{prediction}", "Predictions recorded.");
        _meter.CreateObservableCounter(ModelWatchInstruments.PredictionErrors, ObserveErrors, "{error}", "Predictions whose inference failed.");
        _meter.CreateObservableCounter(ModelWatchInstruments.PredictionsUnevaluated, ObserveUnevaluated, "{prediction}", "Predictions in sub-windows dropped unevaluated because windows closed faster than they were evaluated.");
        _meter.CreateObservableCounter(ModelWatchInstruments.InputInvalid, ObserveInvalid, "{value}", "Invalid input values: non-finite, out of the reference range, unseen categories, wrong feature counts, event times too far ahead of the clock.");
        _meter.CreateObservableCounter(ModelWatchInstruments.FeatureMissing, ObserveMissing, "{value}", "Missing feature values.");
        _meter.CreateObservableGauge(ModelWatchInstruments.FeatureDriftScore, ObserveScores, "1", "The latest window's drift statistic per feature and detector.");
        _meter.CreateObservableGauge(ModelWatchInstruments.FeatureDriftPValue, ObservePValues, "1", "The latest window's drift p-value per feature and detector, where the detector has one.");
        _meter.CreateObservableGauge(ModelWatchInstruments.FeatureDriftStatus, ObserveStatus, "1", "The latest window's drift verdict per feature: 0 stable, 1 drifting.");
        _meter.CreateObservableGauge(ModelWatchInstruments.ModelQuality, ObserveQuality, "1", "The latest closed outcome-arrival window's quality metrics, and the label-free accuracy estimate of the latest window.");
        _meter.CreateObservableGauge(ModelWatchInstruments.MultivariateDrift, ObserveMultivariate, "1", "The latest window's mean PCA reconstruction error, for models that detect multivariate drift.");
        _meter.CreateObservableCounter(ModelWatchInstruments.Outcomes, ObserveOutcomes, "{outcome}", "Outcomes recorded, by what became of them.");
        _meter.CreateObservableUpDownCounter(ModelWatchInstruments.OutcomesPending, ObservePending, "{prediction}", "Predictions waiting for their outcome.");
        CreateSegmentInstruments();
    }

    public Histogram<double> Duration { get; }

    public Counter<long> Alerts { get; }

    public Counter<long> EvaluationErrors { get; }

    public Counter<long> HandlerErrors { get; }

    public Counter<long> QualityAlerts { get; }

    public Counter<long> StoreErrors { get; }

    /// <summary>Counts calls into user code (handlers, triggers, report subscribers) that failed, timed out or were not made.</summary>
    /// <param name="errorType">The <c>error.type</c>: <c>timeout</c>, <c>dropped</c> or the exception's type name.</param>
    /// <param name="calls">How many.</param>
    public void CountHandlerErrors(string errorType, long calls) =>
        HandlerErrors.Add(calls, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, errorType));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    /// <summary>The monitors, read as they are: a scrape moves nothing and changes no monitor.</summary>
    private IEnumerable<ModelMonitor> Monitors() => _monitors();

    /// <summary>This instance's meter (tests listen to it alone).</summary>
    internal Meter Meter => _meter;

    // Every callback fills one tag buffer of its own and hands each measurement a span of it:
    // Measurement<T> copies the tags it is given (the one allocation per point, the API's own), so
    // nothing of ModelWatch's is allocated per point — with 10,000 models x 20 features a scrape
    // reports hundreds of thousands of points. The model's two tags lead every buffer.
    private static KeyValuePair<string, object?>[] TagBuffer(int extra) => new KeyValuePair<string, object?>[2 + extra];

    private static ReadOnlySpan<KeyValuePair<string, object?>> Model(KeyValuePair<string, object?>[] buffer, ModelMonitor m)
    {
        buffer[0] = new(ModelWatchInstruments.ModelName, m.ModelName);
        buffer[1] = new(ModelWatchInstruments.ModelVersion, m.ModelVersion);
        return buffer.AsSpan(0, 2);
    }

    private static ReadOnlySpan<KeyValuePair<string, object?>> With(KeyValuePair<string, object?>[] buffer, string key, object? value)
    {
        buffer[2] = new(key, value);
        return buffer.AsSpan(0, 3);
    }

    private static ReadOnlySpan<KeyValuePair<string, object?>> With(KeyValuePair<string, object?>[] buffer, string key, object? value, string key2, object? value2)
    {
        buffer[2] = new(key, value);
        buffer[3] = new(key2, value2);
        return buffer.AsSpan(0, 4);
    }

    private IEnumerable<Measurement<long>> ObservePredictions()
    {
        var tags = TagBuffer(0);
        MonitorTotals? totals = null;
        foreach (var m in Monitors())
        {
            totals = m.ReadTotals(totals);
            yield return new(totals.Events, Model(tags, m));
        }
    }

    private IEnumerable<Measurement<long>> ObserveErrors()
    {
        var tags = TagBuffer(0);
        MonitorTotals? totals = null;
        foreach (var m in Monitors())
        {
            totals = m.ReadTotals(totals);
            yield return new(totals.Errors, Model(tags, m));
        }
    }

    private IEnumerable<Measurement<long>> ObserveUnevaluated()
    {
        var tags = TagBuffer(0);
        foreach (var m in Monitors())
        {
            yield return new(m.Dropped.Predictions, Model(tags, m));
        }
    }

    private IEnumerable<Measurement<long>> ObserveInvalid()
    {
        var tags = TagBuffer(2);
        MonitorTotals? t = null;
        foreach (var m in Monitors())
        {
            t = m.ReadTotals(t);
            Model(tags, m);
            yield return new(t.SchemaViolations, With(tags, ModelWatchInstruments.ErrorType, "length_mismatch"));
            yield return new(t.Unseen, With(tags, ModelWatchInstruments.ErrorType, "unseen_category"));
            yield return new(t.InvalidTimes, With(tags, ModelWatchInstruments.ErrorType, "invalid_time"));
            var columns = m.Schema.NumericColumns;
            for (int c = 0; c < columns.Length; c++)
            {
                yield return new(t.NumericNonFinite[c], With(tags, ModelWatchInstruments.FeatureName, columns[c], ModelWatchInstruments.ErrorType, "infinity"));
                yield return new(t.NumericOutOfRange[c], With(tags, ModelWatchInstruments.FeatureName, columns[c], ModelWatchInstruments.ErrorType, "out_of_range"));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveMissing()
    {
        var tags = TagBuffer(1);
        MonitorTotals? t = null;
        foreach (var m in Monitors())
        {
            t = m.ReadTotals(t);
            Model(tags, m);
            for (int c = 0; c < m.Schema.NumericColumns.Length; c++)
            {
                yield return new(t.NumericMissing[c], With(tags, ModelWatchInstruments.FeatureName, m.Schema.NumericColumns[c]));
            }

            for (int c = 0; c < m.Schema.CategoricalColumns.Length; c++)
            {
                yield return new(t.CategoricalMissing[c], With(tags, ModelWatchInstruments.FeatureName, m.Schema.CategoricalColumns[c]));
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveScores()
    {
        var tags = TagBuffer(2);
        foreach (var (m, f) in LatestFeatures())
        {
            Model(tags, m);
            foreach (var d in f.Detectors)
            {
                yield return new(d.Statistic, With(tags, ModelWatchInstruments.FeatureName, f.Name, ModelWatchInstruments.DetectorName, d.Detector));
            }
        }
    }

    private IEnumerable<Measurement<double>> ObservePValues()
    {
        var tags = TagBuffer(2);
        foreach (var (m, f) in LatestFeatures())
        {
            Model(tags, m);
            foreach (var d in f.Detectors)
            {
                if (d.PValue is double p)
                {
                    yield return new(p, With(tags, ModelWatchInstruments.FeatureName, f.Name, ModelWatchInstruments.DetectorName, d.Detector));
                }
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveStatus()
    {
        var tags = TagBuffer(2);
        foreach (var (m, f) in LatestFeatures())
        {
            Model(tags, m);
            yield return new(f.IsDrift ? 1 : 0, With(tags, ModelWatchInstruments.FeatureName, f.Name, ModelWatchInstruments.DetectorName, f.Verdict!.Value.Detector));
        }
    }

    private IEnumerable<Measurement<double>> ObserveQuality()
    {
        var tags = TagBuffer(1);
        foreach (var m in _monitors())
        {
            Model(tags, m);
            if (m.Quality?.LatestClosedArrival is { } report)
            {
                foreach (var (metric, name) in QualityMetricNames)
                {
                    if (report.Metrics.Get(metric) is double value)
                    {
                        yield return new(value, With(tags, ModelWatchInstruments.QualityMetricName, name));
                    }
                }
            }

            if (m.Quality?.LatestEstimated?.Estimated is { } estimated)
            {
                foreach (var e in estimated.Metrics)
                {
                    if (double.IsFinite(e.Value))
                    {
                        yield return new(e.Value, With(tags, ModelWatchInstruments.QualityMetricName, PerformanceEstimation.TelemetryName(e.Metric)));
                    }
                }
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveMultivariate()
    {
        var tags = TagBuffer(0);
        foreach (var m in _monitors())
        {
            if (m.State.LatestReport is { Status: DriftReportStatus.Evaluated, Multivariate: { } multivariate })
            {
                yield return new(multivariate.ReconstructionError.Value, Model(tags, m));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveOutcomes()
    {
        var tags = TagBuffer(1);
        foreach (var m in _monitors())
        {
            if (m.Outcomes?.Counts() is { } c)
            {
                Model(tags, m);
                yield return new(c.Joined, With(tags, ModelWatchInstruments.OutcomeStatus, "joined"));
                yield return new(c.Early, With(tags, ModelWatchInstruments.OutcomeStatus, "early"));
                yield return new(c.Unknown, With(tags, ModelWatchInstruments.OutcomeStatus, "unknown"));
                yield return new(c.Duplicate, With(tags, ModelWatchInstruments.OutcomeStatus, "duplicate"));
                yield return new(c.Evicted, With(tags, ModelWatchInstruments.OutcomeStatus, "evicted"));
                yield return new(c.Expired, With(tags, ModelWatchInstruments.OutcomeStatus, "expired"));
                yield return new(c.Invalid, With(tags, ModelWatchInstruments.OutcomeStatus, "invalid"));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObservePending()
    {
        var tags = TagBuffer(0);
        foreach (var m in _monitors())
        {
            if (m.Outcomes?.Counts() is { } c)
            {
                yield return new(c.Pending, Model(tags, m));
            }
        }
    }

    /// <summary>
    /// Metric names as exported in <see cref="ModelWatchInstruments.QualityMetricName"/>: each
    /// <see cref="QualityMetric"/> member's name in snake_case (<c>log_loss</c>, <c>r_squared</c>), as docs/quality.md lists them.
    /// </summary>
    internal static readonly (QualityMetric Metric, string Name)[] QualityMetricNames =
        [.. Enum.GetValues<QualityMetric>().Select(m => (m, JsonNamingPolicy.SnakeCaseLower.ConvertName(m.ToString())))];

    private IEnumerable<(ModelMonitor Monitor, FeatureDriftReport Feature)> LatestFeatures()
    {
        foreach (var m in _monitors())
        {
            if (m.State.LatestReport is { Status: DriftReportStatus.Evaluated } report)
            {
                foreach (var f in report.Features)
                {
                    if (f.Verdict is not null)
                    {
                        yield return (m, f);
                    }
                }
            }
        }
    }
}

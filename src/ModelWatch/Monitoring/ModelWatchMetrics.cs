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

    private IEnumerable<Measurement<long>> ObservePredictions()
    {
        foreach (var m in Monitors())
        {
            yield return new(m.Totals.Events, Model(m));
        }
    }

    private IEnumerable<Measurement<long>> ObserveErrors()
    {
        foreach (var m in Monitors())
        {
            yield return new(m.Totals.Errors, Model(m));
        }
    }

    private IEnumerable<Measurement<long>> ObserveUnevaluated()
    {
        foreach (var m in Monitors())
        {
            yield return new(m.Dropped.Predictions, Model(m));
        }
    }

    private IEnumerable<Measurement<long>> ObserveInvalid()
    {
        foreach (var m in Monitors())
        {
            var t = m.Totals;
            yield return new(t.SchemaViolations, [.. Model(m), new(ModelWatchInstruments.ErrorType, "length_mismatch")]);
            yield return new(t.Unseen, [.. Model(m), new(ModelWatchInstruments.ErrorType, "unseen_category")]);
            yield return new(t.InvalidTimes, [.. Model(m), new(ModelWatchInstruments.ErrorType, "invalid_time")]);
            var columns = m.Schema.NumericColumns;
            for (int c = 0; c < columns.Length; c++)
            {
                yield return new(t.NumericNonFinite[c], [.. Model(m), new(ModelWatchInstruments.FeatureName, columns[c]), new(ModelWatchInstruments.ErrorType, "infinity")]);
                yield return new(t.NumericOutOfRange[c], [.. Model(m), new(ModelWatchInstruments.FeatureName, columns[c]), new(ModelWatchInstruments.ErrorType, "out_of_range")]);
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveMissing()
    {
        foreach (var m in Monitors())
        {
            var t = m.Totals;
            for (int c = 0; c < m.Schema.NumericColumns.Length; c++)
            {
                yield return new(t.NumericMissing[c], [.. Model(m), new(ModelWatchInstruments.FeatureName, m.Schema.NumericColumns[c])]);
            }

            for (int c = 0; c < m.Schema.CategoricalColumns.Length; c++)
            {
                yield return new(t.CategoricalMissing[c], [.. Model(m), new(ModelWatchInstruments.FeatureName, m.Schema.CategoricalColumns[c])]);
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveScores()
    {
        foreach (var (m, f) in LatestFeatures())
        {
            foreach (var d in f.Detectors)
            {
                yield return new(d.Statistic, [.. Model(m), new(ModelWatchInstruments.FeatureName, f.Name), new(ModelWatchInstruments.DetectorName, d.Detector)]);
            }
        }
    }

    private IEnumerable<Measurement<double>> ObservePValues()
    {
        foreach (var (m, f) in LatestFeatures())
        {
            foreach (var d in f.Detectors)
            {
                if (d.PValue is double p)
                {
                    yield return new(p, [.. Model(m), new(ModelWatchInstruments.FeatureName, f.Name), new(ModelWatchInstruments.DetectorName, d.Detector)]);
                }
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveStatus()
    {
        foreach (var (m, f) in LatestFeatures())
        {
            yield return new(f.IsDrift ? 1 : 0, [.. Model(m), new(ModelWatchInstruments.FeatureName, f.Name), new(ModelWatchInstruments.DetectorName, f.Verdict!.Value.Detector)]);
        }
    }

    private IEnumerable<Measurement<double>> ObserveQuality()
    {
        foreach (var m in _monitors())
        {
            if (m.Quality?.LatestClosedArrival is { } report)
            {
                foreach (var (metric, name) in QualityMetricNames)
                {
                    if (report.Metrics.Get(metric) is double value)
                    {
                        yield return new(value, [.. Model(m), new(ModelWatchInstruments.QualityMetricName, name)]);
                    }
                }
            }

            if (m.Quality?.LatestEstimated?.Estimated is { } estimated)
            {
                foreach (var e in estimated.Metrics)
                {
                    if (double.IsFinite(e.Value))
                    {
                        yield return new(e.Value, [.. Model(m), new(ModelWatchInstruments.QualityMetricName, PerformanceEstimation.TelemetryName(e.Metric))]);
                    }
                }
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveMultivariate()
    {
        foreach (var m in _monitors())
        {
            if (m.State.LatestReport is { Status: DriftReportStatus.Evaluated, Multivariate: { } multivariate })
            {
                yield return new(multivariate.ReconstructionError.Value, Model(m));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveOutcomes()
    {
        foreach (var m in _monitors())
        {
            if (m.Outcomes?.Counts() is { } c)
            {
                yield return new(c.Joined, [.. Model(m), new(ModelWatchInstruments.OutcomeStatus, "joined")]);
                yield return new(c.Early, [.. Model(m), new(ModelWatchInstruments.OutcomeStatus, "early")]);
                yield return new(c.Unknown, [.. Model(m), new(ModelWatchInstruments.OutcomeStatus, "unknown")]);
                yield return new(c.Duplicate, [.. Model(m), new(ModelWatchInstruments.OutcomeStatus, "duplicate")]);
                yield return new(c.Evicted, [.. Model(m), new(ModelWatchInstruments.OutcomeStatus, "evicted")]);
                yield return new(c.Expired, [.. Model(m), new(ModelWatchInstruments.OutcomeStatus, "expired")]);
                yield return new(c.Invalid, [.. Model(m), new(ModelWatchInstruments.OutcomeStatus, "invalid")]);
            }
        }
    }

    private IEnumerable<Measurement<long>> ObservePending()
    {
        foreach (var m in _monitors())
        {
            if (m.Outcomes?.Counts() is { } c)
            {
                yield return new(c.Pending, Model(m));
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

    private static KeyValuePair<string, object?>[] Model(ModelMonitor m) =>
        [new(ModelWatchInstruments.ModelName, m.ModelName), new(ModelWatchInstruments.ModelVersion, m.ModelVersion)];
}

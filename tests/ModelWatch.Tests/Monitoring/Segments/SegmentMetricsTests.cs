using System.Diagnostics.Metrics;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>
/// Segment series in the OpenTelemetry SDK: model-level series per segment by default; per segment ×
/// feature only when opted in — 201 segments × 11 columns = 2,211 status series and as many score
/// series here: beyond the SDK's default 2,000 per instrument, within it once raised, with no overflow series.
/// </summary>
[Collection(nameof(MetricsTests))]
public sealed class SegmentMetricsTests
{
    private static async Task<List<Metric>> Export(bool featureMetrics, int? cardinalityLimit)
    {
        string[] segments = SegmentScenarios.Names(201);
        var (services, watch, time) = SegmentScenarios.Create(features: 9, segments, m => m.MaxSegments(200).Configure(o =>
        {
            o.Segments.MinPredictions = 10;
            o.Segments.FeatureMetrics = featureMetrics;
        }), referenceRows: 20_000);
        using var _ = services;
        await SegmentScenarios.Window(watch, time, new SplitMix64(3), segments, features: 9, rows: 8_000);
        var exported = new List<Metric>();
        var builder = Sdk.CreateMeterProviderBuilder().AddMeter(ModelWatchMeter.Name).AddInMemoryExporter(exported);
        if (cardinalityLimit is int limit)
        {
            builder.AddView(instrument => instrument.Meter.Name == ModelWatchMeter.Name ? new MetricStreamConfiguration { CardinalityLimit = limit } : null);
        }

        using (var provider = builder.Build())
        {
            provider.ForceFlush();
        }

        return exported;
    }

    private static List<(long Value, Dictionary<string, object?> Tags)> Points(List<Metric> exported, string name)
    {
        var points = new List<(long, Dictionary<string, object?>)>();
        // The first export (ForceFlush); disposing the provider exports once more.
        foreach (var metric in exported.Where(m => m.Name == name).Take(1))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                long value = metric.MetricType == MetricType.DoubleGauge ? (long)Math.Round(point.GetGaugeLastValueDouble() * 1_000_000) : point.GetGaugeLastValueLong();
                points.Add((value, tags));
            }
        }

        return points;
    }

    [Fact]
    public async Task ByDefault_OnlyModelLevelSeriesPerSegment()
    {
        var exported = await Export(featureMetrics: false, cardinalityLimit: null);
        var status = Points(exported, ModelWatchInstruments.SegmentDriftStatus);
        Assert.Equal(201, status.Count); // 200 tracked + (other)
        Assert.Contains(status, p => (string?)p.Tags[ModelWatchInstruments.SegmentName] == SegmentNames.Other);
        Assert.Equal(8_000, Points(exported, ModelWatchInstruments.SegmentPredictions).Sum(p => p.Value));
        Assert.Single(Points(exported, ModelWatchInstruments.SegmentDriftedShare));
        Assert.Empty(Points(exported, ModelWatchInstruments.SegmentFeatureDriftStatus));
    }

    [Fact]
    public async Task FeatureMetrics_WithTheCardinalityLimitRaised_NoOverflowSeries()
    {
        var exported = await Export(featureMetrics: true, cardinalityLimit: 5_000);
        foreach (string name in new[] { ModelWatchInstruments.SegmentFeatureDriftStatus, ModelWatchInstruments.SegmentFeatureDriftScore, ModelWatchInstruments.SegmentDriftStatus })
        {
            var points = Points(exported, name);
            Assert.DoesNotContain(points, p => p.Tags.ContainsKey("otel.metric.overflow"));
        }

        // Columns per segment: f0…f8, c0 and the prediction.
        Assert.Equal(201 * 11, Points(exported, ModelWatchInstruments.SegmentFeatureDriftStatus).Count);
        Assert.Equal(201 * 11, Points(exported, ModelWatchInstruments.SegmentFeatureDriftScore).Count);
    }

    [Fact]
    public async Task FeatureMetrics_AtTheSdkDefaultLimit_Overflow_WhichIsWhyTheyAreOptIn()
    {
        var exported = await Export(featureMetrics: true, cardinalityLimit: null);
        Assert.Contains(Points(exported, ModelWatchInstruments.SegmentFeatureDriftStatus), p => p.Tags.ContainsKey("otel.metric.overflow"));
        Assert.DoesNotContain(Points(exported, ModelWatchInstruments.SegmentDriftStatus), p => p.Tags.ContainsKey("otel.metric.overflow"));
    }
}

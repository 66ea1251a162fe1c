using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>
/// Judges a window's quality metrics against the model's thresholds: a minimum, a maximum, or a
/// drop from a baseline (given, or measured over the reference period).
/// </summary>
internal static class QualityBreaches
{
    /// <summary>The thresholds a window's metrics break.</summary>
    /// <param name="metrics">The window's metrics.</param>
    /// <param name="thresholds">The model's thresholds.</param>
    /// <param name="referenceBaseline">The reference period's metrics, for drops without a given baseline (null until known).</param>
    public static ImmutableArray<QualityBreach> Find(QualityMetrics metrics, IEnumerable<QualityThreshold> thresholds, QualityMetrics? referenceBaseline)
    {
        var breaches = ImmutableArray.CreateBuilder<QualityBreach>();
        foreach (var t in thresholds)
        {
            if (metrics.Get(t.Metric) is not double raw)
            {
                continue;
            }

            // The bias is judged by its size, whichever way it points.
            double value = t.Metric == QualityMetric.MeanError ? Math.Abs(raw) : raw;
            if (t.Minimum is double min && value < min)
            {
                breaches.Add(new QualityBreach { Metric = t.Metric, Value = value, Limit = min });
            }

            if (t.Maximum is double max && value > max)
            {
                breaches.Add(new QualityBreach { Metric = t.Metric, Value = value, Limit = max });
            }

            double? baseline = t.Baseline ?? referenceBaseline?.Get(t.Metric);
            if (t.MaxDrop is double drop && baseline is double b)
            {
                if (t.Metric == QualityMetric.MeanError)
                {
                    b = Math.Abs(b);
                }

                bool higherIsBetter = QualityMetrics.HigherIsBetter(t.Metric);
                double limit = higherIsBetter ? b - drop : b + drop;
                if (higherIsBetter ? value < limit : value > limit)
                {
                    breaches.Add(new QualityBreach { Metric = t.Metric, Value = value, Limit = limit, Baseline = b });
                }
            }
        }

        return breaches.ToImmutable();
    }
}

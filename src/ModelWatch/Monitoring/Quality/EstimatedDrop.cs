using System.Globalization;

namespace ModelWatch.Monitoring;

/// <summary>The words an estimated-quality alert gives for an estimate below its reference threshold.</summary>
internal static class EstimatedDrop
{
    /// <summary>E.g. <c>estimated f1 0.6120 below the reference threshold 0.7000</c>.</summary>
    public static string Describe(EstimatedMetric m) => string.Create(
        CultureInfo.InvariantCulture,
        $"estimated {PerformanceEstimation.TelemetryName(m.Metric)["estimated_".Length..].Replace('_', ' ')} {m.Value:0.0000} below the reference threshold {m.LowerThreshold:0.0000}");
}

namespace ModelWatch.Monitoring;

/// <summary>One segment's realised-quality state in a monitor snapshot.</summary>
internal sealed class SegmentQualitySnapshot
{
    public string? Name { get; set; }

    public Dictionary<long, QualityAccumulatorSnapshot>? ByPrediction { get; set; }

    public Dictionary<long, QualityAccumulatorSnapshot>? ByArrival { get; set; }

    public AlertSnapshot? Alert { get; set; }

    public QualityAccumulatorSnapshot? Baseline { get; set; }

    public int BaselineWindows { get; set; }
}

using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>One closed window of a segment's history: the window, the segment's share of drifted features, and its result (written by the core's converter).</summary>
internal sealed record SegmentWindowJson(
    long FirstSubWindow,
    long LastSubWindow,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd,
    double? DriftedShare,
    SegmentDriftResult Result)
{
    public static SegmentWindowJson Of(SegmentDriftResult result)
    {
        var r = result.Report;
        return new(r.FirstSubWindow, r.LastSubWindow, r.WindowStart, r.WindowEnd, r.Dataset?.DriftedShare, result);
    }
}

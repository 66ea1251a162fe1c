namespace ModelWatch.AspNetCore.Endpoints;

/// <summary><c>GET {prefix}/api/models/{model}/segments/{segment}/history</c>: a segment's closed windows in the model's history, oldest first.</summary>
internal sealed record SegmentHistoryJson(
    string Name,
    string CurrentVersion,
    string Segment,
    IReadOnlyList<SegmentWindowJson> Windows);

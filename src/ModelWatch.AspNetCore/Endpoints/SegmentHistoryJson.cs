namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// <c>GET {prefix}/api/models/{model}/segments/{segment}/history</c>: a page of a segment's closed windows
/// in the model's history, oldest first (<see cref="HistoryPage"/>), with the neighbouring pages.
/// </summary>
internal sealed record SegmentHistoryJson(
    string Name,
    string CurrentVersion,
    string Segment,
    IReadOnlyList<SegmentWindowJson> Windows,
    string? Next,
    string? Previous);

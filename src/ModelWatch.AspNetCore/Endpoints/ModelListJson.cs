namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// <c>GET {prefix}/api/models</c>: one page of the models that match the request's search and filter.
/// <see cref="Total"/> counts them all (every page); <see cref="Summary"/> counts every model whatever
/// the request; <see cref="Next"/> and <see cref="Previous"/> are the links of the neighbouring pages
/// (also in the <c>Link</c> header), null at either end.
/// </summary>
internal sealed record ModelListJson(
    DateTimeOffset GeneratedAt,
    int Total,
    ModelListSummaryJson Summary,
    string? Next,
    string? Previous,
    IReadOnlyList<ModelSummaryJson> Models);

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary><c>GET {prefix}/api/models</c>.</summary>
internal sealed record ModelListJson(DateTimeOffset GeneratedAt, IReadOnlyList<ModelSummaryJson> Models);

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>A problem-details body (RFC 9457), written through <see cref="ModelWatchJsonContext"/> like every other JSON answer.</summary>
internal sealed record ProblemJson(string Type, string Title, int Status, string Detail);

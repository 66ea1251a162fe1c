namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>Where another page of the model list starts: after a name, before a name, or (both null) at the first model.</summary>
internal readonly record struct PageCursor(string? After, string? Before);

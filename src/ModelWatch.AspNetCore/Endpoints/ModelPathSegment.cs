namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// How a model's name travels in the URLs of <c>MapModelWatch</c>: as one path segment from which
/// the route gives back exactly the name, whatever characters it holds.
/// </summary>
/// <remarks>
/// A server decodes a path once but leaves <c>%2F</c> encoded (so that it stays inside its segment,
/// where it cannot be told from a name's own "%2F"), and clients and servers drop <c>.</c> and <c>..</c>
/// segments, also when written <c>%2E</c>. So a name is encoded in two steps: first its <c>%</c> and
/// <c>/</c> (and a name of one or two dots entirely), then the result as URL data. The server's
/// decoding undoes the second step and <see cref="Decode"/> the first. A name of letters, digits
/// and <c>-._~</c> is its own segment (<c>/modelwatch/fraud</c>); a URL written by hand with the
/// name encoded once also works, unless the name holds a <c>%</c>.
/// </remarks>
internal static class ModelPathSegment
{
    /// <summary>The path segment for a model name (already encoded for the URL).</summary>
    public static string Encode(string name)
    {
        string inner = name is "." or ".."
            ? name.Replace(".", "%2E", StringComparison.Ordinal)
            : name.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal);
        return Uri.EscapeDataString(inner);
    }

    /// <summary>The model name from a route value, the segment as the server decoded it.</summary>
    public static string Decode(string routeValue) => Uri.UnescapeDataString(routeValue);
}

namespace ModelWatch.Extensions.AI.Text;

/// <summary>Whether a text holds a link: an <c>http://</c>, <c>https://</c> or <c>www.</c> (any case).</summary>
internal static class LinkDetector
{
    public static bool HasLink(ReadOnlySpan<char> text) =>
        text.Contains("http://", StringComparison.OrdinalIgnoreCase)
        || text.Contains("https://", StringComparison.OrdinalIgnoreCase)
        || text.Contains("www.", StringComparison.OrdinalIgnoreCase);
}

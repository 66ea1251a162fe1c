namespace ModelWatch.Extensions.AI.Text;

/// <summary>Finds any of a fixed list of phrases in a text, ignoring case (ordinal), without allocating.</summary>
internal sealed class PhraseMatcher
{
    private readonly string[] _phrases;
    private readonly int _searchLength;

    /// <param name="phrases">The phrases; empty ones are ignored.</param>
    /// <param name="searchLength">How many leading characters to search (refusals open an answer; a bound keeps multi-megabyte texts cheap).</param>
    public PhraseMatcher(IEnumerable<string> phrases, int searchLength)
    {
        _phrases = [.. phrases.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.OrdinalIgnoreCase)];
        _searchLength = searchLength;
    }

    public bool IsEmpty => _phrases.Length == 0;

    public bool Matches(ReadOnlySpan<char> text)
    {
        var head = text.Length > _searchLength ? text[.._searchLength] : text;
        foreach (string phrase in _phrases)
        {
            if (head.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

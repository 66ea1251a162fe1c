using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// What a request for the model list asks for: a page of at most <see cref="Limit"/> models after (or
/// before) a model name, among those whose name contains <see cref="Search"/> and whose state matches
/// <see cref="Status"/>. Models are in ordinal name order, so a cursor (a name) keeps its place when
/// models are added or removed between requests.
/// </summary>
internal sealed record ModelListQuery
{
    /// <summary>The longest search term or cursor: a model name has at most 256 characters.</summary>
    public const int MaxTextLength = 256;

    /// <summary>Gets how many models a page holds at most.</summary>
    public required int Limit { get; init; }

    /// <summary>Gets a value indicating whether the request set <see cref="Limit"/> (links to other pages then keep it).</summary>
    public bool LimitGiven { get; init; }

    /// <summary>Gets the cursor of the next pages: the page starts after this name (ordinal order); null for the first page.</summary>
    public string? After { get; init; }

    /// <summary>Gets the cursor of the previous pages: the page ends before this name; null unless paging backwards.</summary>
    public string? Before { get; init; }

    /// <summary>Gets the text a model's name must contain, ignoring case (ordinal); null for every name.</summary>
    public string? Search { get; init; }

    /// <summary>Gets the state a model must be in (see <see cref="ModelListFilter"/>); null for every state.</summary>
    public string? Status { get; init; }

    /// <summary>
    /// Reads the query string. An empty value counts as no value (a search form sends <c>q=</c>); a
    /// parameter given twice, a limit outside 1–<see cref="QueryParameters.MaxLimit"/>, an unknown status, both cursors
    /// at once, or a text longer than <see cref="MaxTextLength"/> is an error, described in <paramref name="error"/>.
    /// </summary>
    public static bool TryParse(IQueryCollection query, int defaultLimit, out ModelListQuery result, out string error)
    {
        result = new ModelListQuery { Limit = defaultLimit };
        if (!QueryParameters.TryGet(query, "limit", out string? limitText, out error)
            || !QueryParameters.TryGet(query, "after", out string? after, out error)
            || !QueryParameters.TryGet(query, "before", out string? before, out error)
            || !QueryParameters.TryGet(query, "q", out string? search, out error)
            || !QueryParameters.TryGet(query, "status", out string? statusText, out error)
            || !QueryParameters.TryLimit(limitText, defaultLimit, out int limit, out error))
        {
            return false;
        }

        if (after is not null && before is not null)
        {
            error = QueryParameters.BothCursors;
            return false;
        }

        string? status = null;
        if (statusText is not null && !ModelListFilter.TryNormalize(statusText, out status))
        {
            error = $"status must be one of {string.Join(", ", ModelListFilter.Names)}; got '{QueryParameters.Echo(statusText)}'.";
            return false;
        }

        foreach (var (name, value) in new[] { ("after", after), ("before", before), ("q", search) })
        {
            if (value is { Length: > MaxTextLength })
            {
                error = $"{name} is longer than {MaxTextLength.ToString(CultureInfo.InvariantCulture)} characters (the longest model name).";
                return false;
            }
        }

        result = new ModelListQuery { Limit = limit, LimitGiven = limitText is not null, After = after, Before = before, Search = search, Status = status };
        return true;
    }

    /// <summary>Gets a value indicating whether a model, by its name and state, is one the request lists.</summary>
    public bool Matches(string name, in ModelState state) =>
        (Search is null || name.Contains(Search, StringComparison.OrdinalIgnoreCase))
        && (Status is null || ModelListFilter.Matches(Status, state));

    /// <summary>The query string of another page of the same list: the same search, status and limit, with a new cursor.</summary>
    public QueryString ToQueryString(string? after = null, string? before = null)
    {
        var parameters = new List<KeyValuePair<string, string?>>(4);
        Add(parameters, "q", Search);
        Add(parameters, "status", Status);
        Add(parameters, "limit", LimitGiven ? Limit.ToString(CultureInfo.InvariantCulture) : null);
        Add(parameters, "after", after);
        Add(parameters, "before", before);
        return QueryString.Create(parameters);
    }

    /// <summary>The URL of another page of the same list at <paramref name="path"/> (already encoded for a URL).</summary>
    public string Link(string path, PageCursor cursor) => path + ToQueryString(cursor.After, cursor.Before).ToUriComponent();

    private static void Add(List<KeyValuePair<string, string?>> parameters, string name, string? value)
    {
        if (value is not null)
        {
            parameters.Add(new(name, value));
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// What a request for a history asks for: at most <see cref="Limit"/> windows per list, after (or
/// before) a sub-window. A window is placed by its last sub-window (<see cref="Monitoring.WindowReport.LastSubWindow"/>),
/// which only grows, so a cursor keeps its place while new windows close.
/// </summary>
internal sealed record HistoryQuery
{
    /// <summary>How many windows a history page holds per list unless the request sets <c>limit</c>.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Gets how many windows each list of the page holds at most.</summary>
    public required int Limit { get; init; }

    /// <summary>Gets a value indicating whether the request set <see cref="Limit"/> (links to other pages then keep it).</summary>
    public bool LimitGiven { get; init; }

    /// <summary>Gets the cursor of the next pages: windows whose last sub-window is greater; null for the first page.</summary>
    public long? After { get; init; }

    /// <summary>Gets the cursor of the previous pages: windows whose last sub-window is less.</summary>
    public long? Before { get; init; }

    /// <summary>
    /// Reads the query string: an empty value counts as no value; a parameter given twice, a limit outside
    /// 1–<see cref="QueryParameters.MaxLimit"/>, a cursor that is not a whole number, or both cursors is an error.
    /// </summary>
    public static bool TryParse(IQueryCollection query, out HistoryQuery result, out string error)
    {
        result = new HistoryQuery { Limit = DefaultLimit };
        if (!QueryParameters.TryGet(query, "limit", out string? limitText, out error)
            || !QueryParameters.TryGet(query, "after", out string? afterText, out error)
            || !QueryParameters.TryGet(query, "before", out string? beforeText, out error)
            || !QueryParameters.TryLimit(limitText, DefaultLimit, out int limit, out error))
        {
            return false;
        }

        long? after = null, before = null;
        foreach (var (name, text) in new[] { ("after", afterText), ("before", beforeText) })
        {
            if (text is null)
            {
                continue;
            }

            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                error = $"{name} must be a sub-window number (a whole number, as in a report's lastSubWindow); got '{QueryParameters.Echo(text)}'.";
                return false;
            }

            if (name == "after")
            {
                after = value;
            }
            else
            {
                before = value;
            }
        }

        if (after is not null && before is not null)
        {
            error = QueryParameters.BothCursors;
            return false;
        }

        result = new HistoryQuery { Limit = limit, LimitGiven = limitText is not null, After = after, Before = before };
        return true;
    }

    /// <summary>The URL of another page of the same history at <paramref name="path"/> (already encoded for a URL).</summary>
    public string Link(string path, long? after, long? before)
    {
        var parameters = new List<KeyValuePair<string, string?>>(2);
        if (LimitGiven)
        {
            parameters.Add(new("limit", Limit.ToString(CultureInfo.InvariantCulture)));
        }

        if (after is { } a)
        {
            parameters.Add(new("after", a.ToString(CultureInfo.InvariantCulture)));
        }

        if (before is { } b)
        {
            parameters.Add(new("before", b.ToString(CultureInfo.InvariantCulture)));
        }

        return path + QueryString.Create(parameters).ToUriComponent();
    }
}

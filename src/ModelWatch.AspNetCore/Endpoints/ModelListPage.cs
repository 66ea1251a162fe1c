using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// One page of the model list, read once per request for both the JSON and the dashboard: the rows,
/// where they sit among the models that match the search and filter, the cursors of the neighbouring
/// pages, and counts over every model.
/// </summary>
internal sealed record ModelListPage
{
    /// <summary>Gets the page's models, in ordinal name order.</summary>
    public required IReadOnlyList<ModelView> Models { get; init; }

    /// <summary>Gets how many models match the search and the filter (all pages together).</summary>
    public required int Total { get; init; }

    /// <summary>Gets how many matching models come before this page.</summary>
    public required int Offset { get; init; }

    /// <summary>Gets the counts over every model.</summary>
    public required ModelListSummaryJson Summary { get; init; }

    /// <summary>Gets the cursor of the next page, or null when no matching model follows this page.</summary>
    public PageCursor? Next { get; init; }

    /// <summary>Gets the cursor of the previous page, or null when no matching model precedes this page.</summary>
    public PageCursor? Previous { get; init; }

    /// <summary>
    /// Reads the page <paramref name="query"/> asks for: one pass over the registry for the counts and the
    /// matches (a few lookups per model), then the full view of the page's rows only.
    /// </summary>
    public static ModelListPage Read(IModelWatch watch, ModelListQuery query)
    {
        var catalog = ModelCatalog.Read(watch);
        var states = new ModelState[catalog.Count];
        var matches = new List<int>();
        int models = 0, alerting = 0, drifting = 0, noData = 0;
        for (int i = 0; i < catalog.Count; i++)
        {
            if (!catalog.TryReadState(watch, i, out states[i]))
            {
                continue; // removed while the request ran
            }

            ref readonly var state = ref states[i];
            models++;
            alerting += state.IsAlerting ? 1 : 0;
            drifting += state.IsDrifting ? 1 : 0;
            noData += state.HasNoData ? 1 : 0;
            if (query.Matches(catalog.Name(i), state))
            {
                matches.Add(i);
            }
        }

        // Cursors are names, not positions: a page starts after (or ends before) a name in ordinal order,
        // whether or not a model still has it, so models added or removed elsewhere do not shift it.
        int start, end;
        if (query.Before is { } before)
        {
            end = FirstAtOrAfter(catalog, matches, before, exclusive: false);
            start = Math.Max(0, end - query.Limit);
        }
        else
        {
            start = query.After is { } after ? FirstAtOrAfter(catalog, matches, after, exclusive: true) : 0;
            end = Math.Min(matches.Count, start + query.Limit);
        }

        var rows = new List<ModelView>(end - start);
        for (int k = start; k < end; k++)
        {
            if (catalog.View(watch, matches[k], states[matches[k]]) is { } view)
            {
                rows.Add(view);
            }
        }

        return new ModelListPage
        {
            Models = rows,
            Total = matches.Count,
            Offset = start,
            Summary = new ModelListSummaryJson(models, alerting, drifting, noData),
            Next = end < matches.Count ? new PageCursor(end > 0 ? catalog.Name(matches[end - 1]) : null, null) : null,
            Previous = start == 0 ? null
                : start < matches.Count ? new PageCursor(null, catalog.Name(matches[start]))
                : LastPage(catalog, matches, query.Limit), // past the last match: the previous page is the last one
        };
    }

    /// <summary>The page of the last <paramref name="limit"/> matches, as the cursor after the match before them.</summary>
    private static PageCursor LastPage(ModelCatalog catalog, List<int> matches, int limit)
    {
        int first = Math.Max(0, matches.Count - limit);
        return new PageCursor(first > 0 ? catalog.Name(matches[first - 1]) : null, null);
    }

    /// <summary>The position in <paramref name="matches"/> of the first model whose name is after <paramref name="name"/> (at or after, unless <paramref name="exclusive"/>).</summary>
    private static int FirstAtOrAfter(ModelCatalog catalog, List<int> matches, string name, bool exclusive)
    {
        int low = 0, high = matches.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            int order = string.CompareOrdinal(catalog.Name(matches[middle]), name);
            if (order < 0 || (exclusive && order == 0))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

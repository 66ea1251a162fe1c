namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// One page of a history made of one or more lists of windows (a model's drift reports and its quality
/// reports), each oldest first: in every list, the windows whose last sub-window falls in one range, so
/// the lists of a page cover the same stretch of time and no list holds more than the limit.
/// </summary>
internal sealed class HistoryPage
{
    private readonly (int Start, int End)[] _slices;

    private HistoryPage((int Start, int End)[] slices, long? next, bool hasNext, long? previous, bool hasPrevious)
    {
        _slices = slices;
        NextAfter = next;
        HasNext = hasNext;
        PreviousBefore = previous;
        HasPrevious = hasPrevious;
    }

    /// <summary>Gets a value indicating whether windows follow this page.</summary>
    public bool HasNext { get; }

    /// <summary>Gets the <c>after</c> cursor of the next page (null: the first page).</summary>
    public long? NextAfter { get; }

    /// <summary>Gets a value indicating whether windows precede this page.</summary>
    public bool HasPrevious { get; }

    /// <summary>Gets the <c>before</c> cursor of the previous page.</summary>
    public long? PreviousBefore { get; }

    /// <summary>
    /// Chooses the page's range. Forwards (no cursor, or <c>after</c>): from the cursor up to the
    /// last sub-window at which the first list to reach the limit reaches it. Backwards (<c>before</c>):
    /// the same, down from the cursor.
    /// </summary>
    /// <param name="query">The request.</param>
    /// <param name="keys">Each list's windows' last sub-windows, ascending.</param>
    public static HistoryPage Of(HistoryQuery query, params long[][] keys)
    {
        var slices = new (int Start, int End)[keys.Length];
        if (query.Before is { } before)
        {
            long? from = null;
            for (int i = 0; i < keys.Length; i++)
            {
                int end = FirstWhere(keys[i], 0, k => k >= before);
                slices[i] = (0, end);
                if (end > query.Limit)
                {
                    long bound = keys[i][end - query.Limit];
                    from = from is { } f ? Math.Max(f, bound) : bound;
                }
            }

            for (int i = 0; i < keys.Length; i++)
            {
                slices[i].Start = from is { } f ? FirstWhere(keys[i], 0, k => k >= f) : 0;
                slices[i].Start = Math.Min(slices[i].Start, slices[i].End);
            }
        }
        else
        {
            long? upTo = null;
            for (int i = 0; i < keys.Length; i++)
            {
                int start = query.After is { } after ? FirstWhere(keys[i], 0, k => k > after) : 0;
                slices[i] = (start, keys[i].Length);
                if (keys[i].Length - start > query.Limit)
                {
                    long bound = keys[i][start + query.Limit - 1];
                    upTo = upTo is { } u ? Math.Min(u, bound) : bound;
                }
            }

            for (int i = 0; i < keys.Length; i++)
            {
                slices[i].End = upTo is { } u ? FirstWhere(keys[i], slices[i].Start, k => k > u) : keys[i].Length;
            }
        }

        long? lowest = null, highest = null;
        bool hasNext = false, hasPrevious = false;
        for (int i = 0; i < keys.Length; i++)
        {
            var (start, end) = slices[i];
            hasNext |= end < keys[i].Length;
            hasPrevious |= start > 0;
            if (end > start)
            {
                lowest = lowest is { } l ? Math.Min(l, keys[i][start]) : keys[i][start];
                highest = highest is { } h ? Math.Max(h, keys[i][end - 1]) : keys[i][end - 1];
            }
        }

        // An empty page sits at either end: its neighbour is every window beyond the cursor.
        long? next = highest ?? (query.Before is { } b && b > long.MinValue ? b - 1 : null);
        long? previous = lowest ?? (query.After is { } a ? (a < long.MaxValue ? a + 1 : long.MaxValue) : null);
        return new HistoryPage(slices, next, hasNext, previous, hasPrevious);
    }

    /// <summary>The page's part of list <paramref name="index"/>.</summary>
    public IReadOnlyList<T> Slice<T>(int index, IReadOnlyList<T> list)
    {
        var (start, end) = _slices[index];
        var part = new T[end - start];
        for (int i = start; i < end; i++)
        {
            part[i - start] = list[i];
        }

        return part;
    }

    private static int FirstWhere(long[] keys, int from, Func<long, bool> predicate)
    {
        int i = from;
        while (i < keys.Length && !predicate(keys[i]))
        {
            i++;
        }

        return i;
    }
}

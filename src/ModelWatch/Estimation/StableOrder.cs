namespace ModelWatch.Estimation;

/// <summary>Row orders by a key, with ties kept in row order.</summary>
/// <remarks>
/// NannyML sorts with NumPy's default (unstable) quicksort, whose order of tied keys depends on the
/// data and the NumPy version; a stable order is the reproducible choice. "Descending" is the
/// reverse of the stable ascending order, as NannyML reverses <c>argsort</c>.
/// </remarks>
internal static class StableOrder
{
    public static int[] Ascending(IReadOnlyList<double> keys) => Ascending(keys, 0, keys.Count);

    /// <summary>The rows [start, start + count) ordered by key; ties in row order.</summary>
    public static int[] Ascending(IReadOnlyList<double> keys, int start, int count)
    {
        var rows = new int[count];
        var sortKeys = new double[count];
        for (int i = 0; i < count; i++)
        {
            rows[i] = start + i;
            sortKeys[i] = keys[start + i];
        }

        // Array.Sort is introspective and unstable; the row index breaks ties.
        Array.Sort(rows, (a, b) =>
        {
            int c = sortKeys[a - start].CompareTo(sortKeys[b - start]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return rows;
    }

    public static int[] Descending(IReadOnlyList<double> keys, int start, int count)
    {
        int[] rows = Ascending(keys, start, count);
        Array.Reverse(rows);
        return rows;
    }
}

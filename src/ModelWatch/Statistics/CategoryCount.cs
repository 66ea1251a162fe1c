namespace ModelWatch.Statistics;

/// <summary>The estimated count of one category in a <see cref="CategoryCounts"/> summary.</summary>
/// <param name="Value">The category (possibly truncated; see <see cref="CategoryCounts"/>).</param>
/// <param name="Count">An upper bound of the true count (exact while the summary is exact).</param>
/// <param name="MaxOvercount">How much <paramref name="Count"/> may exceed the true count (0 when exact).</param>
public readonly record struct CategoryCount(string Value, long Count, long MaxOvercount)
{
    /// <summary>Gets a lower bound of the true count: <see cref="Count"/> − <see cref="MaxOvercount"/>.</summary>
    public long LowerBound => Count - MaxOvercount;
}

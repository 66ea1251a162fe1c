namespace ModelWatch.Statistics;

/// <summary>The estimated count of one category in a <see cref="CategoryCounts"/> summary.</summary>
public readonly struct CategoryCount
{
    /// <summary>Gets the category (possibly truncated; see <see cref="CategoryCounts"/>).</summary>
    public string Value { get; internal init; }

    /// <summary>Gets an upper bound of the true count (exact while the summary is exact).</summary>
    public long Count { get; internal init; }

    /// <summary>Gets how much <see cref="Count"/> may exceed the true count (0 when exact).</summary>
    public long MaxOvercount { get; internal init; }

    /// <summary>Gets a lower bound of the true count: <see cref="Count"/> − <see cref="MaxOvercount"/>.</summary>
    public long LowerBound => Count - MaxOvercount;
}

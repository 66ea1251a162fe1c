using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using ModelWatch.AspNetCore.Endpoints;

namespace ModelWatch.AspNetCore.Tests.Endpoints;

/// <summary>How a history page chooses its range of sub-windows over one or two lists, in both directions and at both ends.</summary>
public sealed class HistoryPageTests
{
    private static readonly long[] Drift = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    // Quality windows closing at other sub-windows, denser late in the history.
    private static readonly long[] Quality = [2, 7, 8, 8, 9, 9, 10];

    private static HistoryQuery Query(string queryString)
    {
        Assert.True(HistoryQuery.TryParse(new QueryCollection(QueryHelpers.ParseQuery(queryString)), out var query, out string error), error);
        return query;
    }

    private static long[] Part(HistoryPage page, int index, long[] keys) => [.. page.Slice(index, keys)];

    [Fact]
    public void Of_OneList_PagesForwardByLimitWithCursorsOfTheEdges()
    {
        var first = HistoryPage.Of(Query("limit=4"), Drift);
        var second = HistoryPage.Of(Query("limit=4&after=4"), Drift);
        var last = HistoryPage.Of(Query("limit=4&after=8"), Drift);

        Assert.Equal([1, 2, 3, 4], Part(first, 0, Drift));
        Assert.True(first.HasNext);
        Assert.Equal(4, first.NextAfter);
        Assert.False(first.HasPrevious);
        Assert.Equal([5, 6, 7, 8], Part(second, 0, Drift));
        Assert.Equal(5, second.PreviousBefore);
        Assert.Equal([9, 10], Part(last, 0, Drift));
        Assert.False(last.HasNext);
        Assert.True(last.HasPrevious);
    }

    [Fact]
    public void Of_Before_PagesBackwardToTheFirst()
    {
        var page = HistoryPage.Of(Query("limit=4&before=9"), Drift);
        var first = HistoryPage.Of(Query("limit=4&before=5"), Drift);
        var newest = HistoryPage.Of(Query($"limit=3&before={long.MaxValue}"), Drift);

        Assert.Equal([5, 6, 7, 8], Part(page, 0, Drift));
        Assert.True(page.HasNext);
        Assert.Equal(8, page.NextAfter);
        Assert.Equal(5, page.PreviousBefore);
        Assert.Equal([1, 2, 3, 4], Part(first, 0, Drift));
        Assert.False(first.HasPrevious);
        Assert.Equal([8, 9, 10], Part(newest, 0, Drift));
        Assert.False(newest.HasNext);
    }

    [Fact]
    public void Of_TwoLists_BothCoverTheSameSubWindowsAndNeitherExceedsTheLimit()
    {
        var pages = new List<HistoryPage> { HistoryPage.Of(Query("limit=3"), Drift, Quality) };
        while (pages[^1].HasNext)
        {
            pages.Add(HistoryPage.Of(Query($"limit=3&after={pages[^1].NextAfter}"), Drift, Quality));
        }

        // Each page ends where the first list to reach the limit reaches it: drift at 3 and 6, quality at 8.
        Assert.Equal([[1, 2, 3], [4, 5, 6], [7, 8], [9, 10]], pages.Select(p => Part(p, 0, Drift)));
        Assert.Equal([[2], [], [7, 8, 8], [9, 9, 10]], pages.Select(p => Part(p, 1, Quality)));
        Assert.Equal([3, 6, 8], pages.SkipLast(1).Select(p => p.NextAfter!.Value));

        // Backwards from the end, the same rule from the other side.
        var newest = HistoryPage.Of(Query("limit=3&before=11"), Drift, Quality);
        Assert.Equal([9, 10], Part(newest, 0, Drift));
        Assert.Equal([9, 9, 10], Part(newest, 1, Quality));
        Assert.Equal(9, newest.PreviousBefore);
    }

    [Fact]
    public void Of_PastEitherEnd_IsEmptyWithTheWayBack()
    {
        var past = HistoryPage.Of(Query("limit=4&after=10"), Drift);
        var before = HistoryPage.Of(Query("limit=4&before=1"), Drift);
        var empty = HistoryPage.Of(Query("limit=4"), []);

        Assert.Empty(Part(past, 0, Drift));
        Assert.False(past.HasNext);
        Assert.True(past.HasPrevious);
        Assert.Equal(11, past.PreviousBefore);
        Assert.Empty(Part(before, 0, Drift));
        Assert.False(before.HasPrevious);
        Assert.True(before.HasNext);
        Assert.Equal(0, before.NextAfter);
        Assert.False(empty.HasNext);
        Assert.False(empty.HasPrevious);
    }
}

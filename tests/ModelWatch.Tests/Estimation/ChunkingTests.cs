using ModelWatch.Estimation;

namespace ModelWatch.Tests.Estimation;

public sealed class ChunkingTests
{
    [Fact]
    public void BySize_WithRemainder_KeepsItAsAnExtraChunk()
    {
        var chunks = Chunking.BySize(500).Split(2537);

        Assert.Equal(6, chunks.Count);
        Assert.Equal("[2500:2536]", chunks[5].Key);
        Assert.Equal((5, 2500, 2536, 37), (chunks[5].Index, chunks[5].FirstRow, chunks[5].LastRow, chunks[5].RowCount));
        Assert.Equal("[0:499]", chunks[0].Key);
    }

    [Fact]
    public void ByCount_SizeFromEachDataSet()
    {
        Assert.Equal(8, Chunking.ByCount(8).Split(3200).Count);
        var analysis = Chunking.ByCount(8).Split(2401);
        Assert.Equal(300, analysis[0].RowCount);
        Assert.Equal(9, analysis.Count);
        Assert.Equal(1, analysis[^1].RowCount);
    }

    [Fact]
    public void Default_IsTenChunksPlusRemainder()
    {
        Assert.Equal(10, Chunking.Default.Split(2000).Count);
        Assert.Equal(11, Chunking.Default.Split(2345).Count);
    }

    [Fact]
    public void Split_TooFewRows_Throws()
    {
        Assert.Throws<ArgumentException>(() => Chunking.Default.Split(9));
        Assert.Throws<ArgumentException>(() => Chunking.BySize(3).Split(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Chunking.BySize(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Chunking.ByCount(0));
    }
}

using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>The buffer that joins a row's segment values into its name for the CLI and Parquet readers.</summary>
public sealed class SegmentNameBufferTests
{
    [Fact]
    public void Values_AreJoinedBySeparator_AndClearStartsANewName()
    {
        var buffer = new SegmentNameBuffer();
        buffer.Append("US");
        buffer.Append("mobile");
        Assert.Equal("US|mobile", buffer.Name.ToString());

        buffer.Clear();
        buffer.Append("DE");
        Assert.Equal("DE", buffer.Name.ToString());
    }

    /// <summary>Names longer than the first buffer grow it, keep what was joined before, and once grown allocate nothing.</summary>
    [Fact]
    public void LongNames_GrowTheBuffer_ThenAllocateNothing()
    {
        var buffer = new SegmentNameBuffer();
        string first = new('a', 50), second = new('b', 100), third = new('c', 300);
        buffer.Append(first);
        buffer.Append(second);
        buffer.Append(third);
        Assert.Equal($"{first}|{second}|{third}", buffer.Name.ToString());

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            buffer.Clear();
            buffer.Append(first);
            buffer.Append(second);
            buffer.Append(third);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(first.Length + second.Length + third.Length + 2, buffer.Name.Length);
    }

    [Fact]
    public void EmptyValues_StillTakeTheirPlace()
    {
        var buffer = new SegmentNameBuffer();
        buffer.Append("");
        buffer.Append("x");
        Assert.Equal("|x", buffer.Name.ToString());
    }
}

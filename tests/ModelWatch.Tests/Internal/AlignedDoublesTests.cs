using System.Runtime.CompilerServices;
using ModelWatch.Internal;

namespace ModelWatch.Tests.Internal;

/// <summary>Doubles on cache lines of their own, where they stay: what the logging path's vectors rely on.</summary>
public sealed class AlignedDoublesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(72)]
    [InlineData(1_000)]
    public void FirstElement_StartsACacheLine_AndStaysThereThroughCompaction(int length)
    {
        var arrays = Enumerable.Range(0, 16).Select(_ => new AlignedDoubles(length)).ToArray();
        for (int pass = 0; pass < 2; pass++)
        {
            foreach (var doubles in arrays)
            {
                Assert.Equal(0, Address(ref doubles.First) % 64);
                Assert.Equal(length, doubles.Length);
                Assert.Equal(length, doubles.Span.Length);
                Assert.True(Unsafe.AreSame(ref doubles.First, ref doubles.Span[0]));
            }

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    [Fact]
    public void Elements_AreTheSpansOwn_AndStartAtZero()
    {
        var doubles = new AlignedDoubles(24);
        Assert.All(doubles.Span.ToArray(), x => Assert.Equal(0, x));
        doubles.Span.Fill(1.5);
        doubles.First = 2.5;
        Assert.Equal(2.5, doubles.Span[0]);
        Assert.Equal(1.5 * 23, doubles.Span[1..].ToArray().Sum());
    }

    private static long Address(ref double element) => Unsafe.ByteOffset(ref Unsafe.NullRef<double>(), ref element);
}

using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Statistics;

/// <summary>
/// The contract every mergeable accumulator keeps (STYLE.md §6): merge is associative, empty is
/// the identity, merged parts equal the whole stream, a snapshot round-trips through JSON to an
/// equal state, and Add allocates nothing after warm-up.
/// </summary>
/// <typeparam name="T">The accumulator type.</typeparam>
public abstract class MergeableContractTests<T>
    where T : class
{
    /// <summary>Number of items in the generated stream.</summary>
    protected virtual int StreamLength => 20_000;

    protected abstract T CreateEmpty();

    /// <summary>Adds item <paramref name="index"/> of the test stream (seeded, deterministic).</summary>
    protected abstract void AddItem(T accumulator, int index);

    protected abstract void Merge(T target, T source);

    protected abstract void Clear(T accumulator);

    protected abstract T RoundTripThroughJson(T accumulator);

    /// <summary>
    /// Asserts that <paramref name="actual"/> summarizes the same stream as <paramref name="expected"/>:
    /// exactly, or within the accumulator's stated bound.
    /// </summary>
    protected abstract void AssertEquivalent(T expected, T actual);

    /// <summary>Asserts bit-for-bit equality of the observable state (used after a JSON round trip).</summary>
    protected abstract void AssertIdentical(T expected, T actual);

    private T Build(int from, int to)
    {
        var acc = CreateEmpty();
        for (int i = from; i < to; i++)
        {
            AddItem(acc, i);
        }

        return acc;
    }

    [Fact]
    public void Merge_PartsEqualWholeStream()
    {
        int n = StreamLength;
        var whole = Build(0, n);
        var merged = CreateEmpty();
        int[] bounds = [0, n / 7, n / 7, n / 2, n - 1, n];
        for (int p = 0; p + 1 < bounds.Length; p++)
        {
            Merge(merged, Build(bounds[p], bounds[p + 1]));
        }

        AssertEquivalent(whole, merged);
    }

    [Fact]
    public void Merge_IsAssociative()
    {
        int n = StreamLength;
        var left = Build(0, n / 3);
        Merge(left, Build(n / 3, 2 * n / 3));
        Merge(left, Build(2 * n / 3, n));

        var right = Build(n / 3, 2 * n / 3);
        Merge(right, Build(2 * n / 3, n));
        var leftFirst = Build(0, n / 3);
        Merge(leftFirst, right);

        AssertEquivalent(left, leftFirst);
    }

    [Fact]
    public void Merge_EmptyIsIdentity()
    {
        var a = Build(0, StreamLength / 2);
        var reference = RoundTripThroughJson(a);

        Merge(a, CreateEmpty());
        AssertIdentical(reference, a);

        var empty = CreateEmpty();
        Merge(empty, a);
        AssertEquivalent(a, empty);
    }

    [Fact]
    public void Snapshot_RoundTripsThroughJson_ToEqualState()
    {
        var empty = CreateEmpty();
        AssertIdentical(empty, RoundTripThroughJson(empty));

        var a = Build(0, StreamLength);
        var copy = RoundTripThroughJson(a);
        AssertIdentical(a, copy);

        // The restored accumulator continues exactly like the original.
        for (int i = StreamLength; i < StreamLength + 1000; i++)
        {
            AddItem(a, i);
            AddItem(copy, i);
        }

        AssertIdentical(a, copy);
    }

    [Fact]
    public void Clear_ThenRefill_EqualsFreshAccumulator()
    {
        var reused = Build(0, StreamLength);
        Clear(reused);
        AssertIdentical(CreateEmpty(), reused);

        for (int i = 0; i < StreamLength; i++)
        {
            AddItem(reused, i);
        }

        AssertIdentical(Build(0, StreamLength), reused);
    }

    [Fact]
    public void Add_AfterWarmUp_AllocatesNothing()
    {
        var acc = Build(0, StreamLength);
        Assert.Equal(0, Allocations.SteadyState(_ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                AddItem(acc, StreamLength + i);
            }
        }));
    }
}

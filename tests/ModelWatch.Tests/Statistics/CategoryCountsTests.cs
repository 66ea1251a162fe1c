using ModelWatch.Statistics;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Statistics;

public sealed class CategoryCountsTests : MergeableContractTests<CategoryCounts>
{
    private readonly ITestOutputHelper _output;
    private readonly string?[] _stream;

    public CategoryCountsTests(ITestOutputHelper output)
    {
        _output = output;

        // 600 distinct values (below the default capacity, so merges are exact), skewed, with
        // missing values mixed in.
        string[] pool = Enumerable.Range(0, 600).Select(i => "cat-" + i).ToArray();
        var rng = new SplitMix64(17);
        _stream = new string?[StreamLength + 11_000];
        for (int i = 0; i < _stream.Length; i++)
        {
            double u = rng.NextUniform();
            _stream[i] = i % 50 == 0 ? (i % 100 == 0 ? null : string.Empty) : pool[(int)(u * u * pool.Length)];
        }
    }

    protected override CategoryCounts CreateEmpty() => new();

    protected override void AddItem(CategoryCounts accumulator, int index) => accumulator.Add(_stream[index]);

    protected override void Merge(CategoryCounts target, CategoryCounts source) => target.Merge(source);

    protected override void Clear(CategoryCounts accumulator) => accumulator.Clear();

    protected override CategoryCounts RoundTripThroughJson(CategoryCounts accumulator) =>
        CategoryCounts.FromSnapshot(StatisticsJson.Deserialize<CategoryCountsSnapshot>(StatisticsJson.Serialize(accumulator.ToSnapshot())));

    // Below capacity every count is exact, so merged parts equal the whole exactly.
    protected override void AssertEquivalent(CategoryCounts expected, CategoryCounts actual)
    {
        Assert.True(expected.IsExact && actual.IsExact);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.MissingCount, actual.MissingCount);
        Assert.Equal(expected.GetCounts(), actual.GetCounts());
    }

    protected override void AssertIdentical(CategoryCounts expected, CategoryCounts actual) =>
        Assert.Equal(expected.ToSnapshot(), actual.ToSnapshot());

    /// <summary>A stream with 20 heavy hitters and an endless supply of values seen once.</summary>
    private static (string[] Stream, Dictionary<string, long> Truth) HeavyHittersAndNoise(int length, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var stream = new string[length];
        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < length; i++)
        {
            string v = rng.NextUniform() < 0.4 ? "heavy-" + (int)(20 * rng.NextUniform()) : "noise-" + seed + "-" + i;
            stream[i] = v;
            truth[v] = truth.GetValueOrDefault(v) + 1;
        }

        return (stream, truth);
    }

    private static void AssertWithinBounds(CategoryCounts summary, Dictionary<string, long> truth)
    {
        long n = summary.Count;
        Assert.True(summary.ErrorBound <= n / summary.Capacity, $"error bound {summary.ErrorBound} > N/m = {n / summary.Capacity}");
        var tracked = summary.GetCounts().ToDictionary(c => c.Value, StringComparer.Ordinal);
        foreach (var (value, count) in truth)
        {
            if (tracked.TryGetValue(value, out var c))
            {
                Assert.InRange(count, c.LowerBound, c.Count);
                Assert.True(c.MaxOvercount <= summary.ErrorBound);
            }
            else
            {
                Assert.True(count <= summary.ErrorBound, $"untracked '{value}' occurred {count} times > bound {summary.ErrorBound}");
            }
        }

        Assert.Equal(n, summary.GetCounts().Sum(c => c.LowerBound) + summary.OtherCount);
        Assert.True(summary.OtherCount >= 0);
    }

    [Fact]
    public void FewValues_TakeAFewSlots_NotTheWholeCapacity()
    {
        // A wide data set has thousands of categorical columns of a handful of values each.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var summary = new CategoryCounts();
        foreach (string v in new[] { "a", "b", "c", "a", "d", "e" })
        {
            summary.Add(v);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(5, summary.DistinctCount);
        Assert.True(allocated < 4_096, $"allocated {allocated} bytes for 5 values (a capacity of {summary.Capacity})");
    }

    [Fact]
    public void Add_MillionDistinctValues_MemoryBoundedAndBoundsHold()
    {
        var (stream, truth) = HeavyHittersAndNoise(1_000_000, seed: 1);
        var summary = new CategoryCounts();
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (string v in stream)
        {
            summary.Add(v);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        _output.WriteLine($"10^6 values, {truth.Count} distinct: tracked {summary.DistinctCount}, error bound {summary.ErrorBound} (N/m = {summary.Count / summary.Capacity}), allocated {allocated} bytes");

        Assert.Equal(summary.Capacity, summary.DistinctCount);
        Assert.False(summary.IsExact);
        AssertWithinBounds(summary, truth);

        // Every heavy hitter (true count ≈ 20,000 > N/m = 1,000) is tracked.
        for (int h = 0; h < 20; h++)
        {
            Assert.Contains(summary.GetCounts(), c => c.Value == "heavy-" + h);
        }

        // The stream's strings are the caller's; the summary allocates nothing per value.
        Assert.True(allocated < 200_000, $"allocated {allocated} bytes for 10^6 values");
    }

    [Fact]
    public void Merge_ApproximateParts_KeepsTheErrorBoundOfTheTotal()
    {
        var merged = new CategoryCounts(capacity: 200);
        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        for (ulong part = 0; part < 8; part++)
        {
            var (stream, partTruth) = HeavyHittersAndNoise(50_000, seed: 100 + part);
            var summary = new CategoryCounts(capacity: 200);
            foreach (string v in stream)
            {
                summary.Add(v);
            }

            AssertWithinBounds(summary, partTruth);
            merged.Merge(summary);
            foreach (var (v, c) in partTruth)
            {
                truth[v] = truth.GetValueOrDefault(v) + c;
            }
        }

        _output.WriteLine($"8 merged parts: N = {merged.Count}, error bound {merged.ErrorBound} (N/m = {merged.Count / merged.Capacity})");
        AssertWithinBounds(merged, truth);

        // The merged summary keeps counting correctly.
        var (more, moreTruth) = HeavyHittersAndNoise(20_000, seed: 999);
        foreach (string v in more)
        {
            merged.Add(v);
        }

        foreach (var (v, c) in moreTruth)
        {
            truth[v] = truth.GetValueOrDefault(v) + c;
        }

        AssertWithinBounds(merged, truth);
    }

    [Fact]
    public void Add_LongValue_TruncatedWithHashAndCounted()
    {
        var summary = new CategoryCounts(maxKeyLength: 32);
        string a = new string('x', 40) + "a", b = new string('x', 40) + "b";
        summary.Add(a);
        summary.Add(a.AsSpan());
        summary.Add(b);

        Assert.Equal(3, summary.TruncatedCount);
        var counts = summary.GetCounts();
        Assert.Equal(2, counts.Count);
        Assert.All(counts, c => Assert.Equal(32, c.Value.Length));
        Assert.Equal(2, summary.EstimateCount(a));
        Assert.Equal(1, summary.EstimateCount(b));
    }

    [Fact]
    public void Add_MegabyteValue_StoresBoundedKey()
    {
        var summary = new CategoryCounts();
        summary.Add(new string('y', 1 << 20));
        Assert.Equal(CategoryCounts.DefaultMaxKeyLength, summary.GetCounts()[0].Value.Length);
    }

    [Fact]
    public void Add_NullAndEmpty_CountedAsMissing()
    {
        var summary = new CategoryCounts();
        summary.Add((string?)null);
        summary.Add(string.Empty);
        summary.Add(ReadOnlySpan<char>.Empty);
        summary.Add("a");
        Assert.Equal(3, summary.MissingCount);
        Assert.Equal(1, summary.Count);
    }

    [Theory]
    [InlineData(0, 256)]
    [InlineData(1_000_001, 256)]
    [InlineData(10, 15)]
    [InlineData(10, 5000)]
    public void Constructor_OutOfRange_Throws(int capacity, int maxKeyLength) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new CategoryCounts(capacity, maxKeyLength));

    [Fact]
    public void Merge_DifferentKeyLengths_Throws() =>
        Assert.Throws<ArgumentException>("other", () => new CategoryCounts(maxKeyLength: 32).Merge(new CategoryCounts(maxKeyLength: 64)));

    [Fact]
    public void FromSnapshot_DuplicateValue_Throws() =>
        Assert.Throws<ArgumentException>("snapshot", () => CategoryCounts.FromSnapshot(new CategoryCountsSnapshot
        {
            Count = 2,
            Entries = [new() { Value = "a", Count = 1 }, new() { Value = "a", Count = 1 }],
        }));

    [Fact]
    public void FromSnapshot_CountsAboveTotal_Throws() =>
        Assert.Throws<ArgumentException>("snapshot", () => CategoryCounts.FromSnapshot(new CategoryCountsSnapshot
        {
            Count = 1,
            Entries = [new() { Value = "a", Count = 2 }],
        }));
}

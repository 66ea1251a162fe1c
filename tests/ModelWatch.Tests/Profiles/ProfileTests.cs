using System.Text;
using ModelWatch.Drift;
using ModelWatch.Profiles;
using ModelWatch.Statistics;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Profiles;

/// <summary>Profiles: building, merging across partitions, the file format and its failure modes, comparison.</summary>
public sealed class ProfileTests
{
    private static Profile Seeded(int rows, ulong seed, double shift = 0, int partitions = 1, int partition = 0)
    {
        var builder = new ProfileBuilder(["x", "y"], ["c"]);
        var rng = new SplitMix64(seed);
        string[] categories = ["a", "b", "c"];
        for (int i = 0; i < rows; i++)
        {
            double x = rng.NextNormal() + shift, y = 1e6 + (rng.NextNormal() * 10);
            string c = categories[(int)(rng.NextUniform() * 3)];
            if (i % partitions == partition)
            {
                builder.Add([i % 97 == 0 ? double.NaN : x, y], [i % 89 == 0 ? null : c]);
            }
        }

        return builder.Build();
    }

    [Fact]
    public void FourPartitionsMerged_EqualOneProfileOfTheWholeStream()
    {
        var whole = Seeded(100_000, seed: 3);
        var merged = Profile.Merge(Enumerable.Range(0, 4).Select(p => Seeded(100_000, seed: 3, partitions: 4, partition: p)));

        Assert.Equal(whole.Rows, merged.Rows);
        foreach (string name in new[] { "x", "y" })
        {
            var a = whole.Find(name)!.Moments!;
            var b = merged.Find(name)!.Moments!;
            Assert.Equal(a.Count, b.Count);
            Assert.Equal(a.MissingCount, b.MissingCount);
            Tolerance.Close(a.Mean, b.Mean, 0, 1e-9, $"{name} mean");
            Tolerance.Close(a.SampleVariance, b.SampleVariance, 0, 1e-9, $"{name} variance");
            Assert.Equal(a.Min, b.Min);
            Assert.Equal(a.Max, b.Max);

            // Quantiles within the sketches' rank-error bounds of each other.
            var sa = whole.Find(name)!.Sketch!;
            var sb = merged.Find(name)!.Sketch!;
            for (double q = 0.01; q < 1; q += 0.01)
            {
                double rankGap = Math.Abs(sa.Cdf(sb.Quantile(q)) - q);
                Assert.True(rankGap <= (2 * sa.RankErrorBound) + 1e-4, $"{name} q={q}: rank gap {rankGap}");
            }
        }

        var ca = whole.Find("c")!.Categories!.GetCounts().ToDictionary(e => e.Value, e => e.LowerBound);
        var cb = merged.Find("c")!.Categories!.GetCounts().ToDictionary(e => e.Value, e => e.LowerBound);
        Assert.Equal(ca, cb);

        // Drift verdicts identical: both compared with the same shifted data.
        var shifted = Seeded(20_000, seed: 4, shift: 0.3);
        var fromWhole = ProfileComparison.Compare(whole, shifted);
        var fromMerged = ProfileComparison.Compare(merged, shifted);
        Assert.Equal(fromWhole.Features.Select(f => f.IsDrift), fromMerged.Features.Select(f => f.IsDrift));
    }

    [Fact]
    public void SaveAndLoad_RoundTripsEveryStatistic()
    {
        var profile = Seeded(10_000, seed: 5);
        profile.ModelName = "fraud";
        profile.ModelVersion = "3";
        profile.CreatedAt = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        string path = Path.Combine(Path.GetTempPath(), $"mw-{Guid.NewGuid():N}.mwp");
        try
        {
            ProfileFile.Save(profile, path);
            var loaded = ProfileFile.Load(path);
            Assert.Equal(profile.Rows, loaded.Rows);
            Assert.Equal("fraud", loaded.ModelName);
            Assert.Equal(profile.CreatedAt, loaded.CreatedAt);
            Assert.Equal(profile.Find("x")!.Moments!.ToSnapshot(), loaded.Find("x")!.Moments!.ToSnapshot());
            Assert.Equal(profile.Find("y")!.Sketch!.ToSnapshot(), loaded.Find("y")!.Sketch!.ToSnapshot());
            Assert.Equal(profile.Find("c")!.Categories!.ToSnapshot(), loaded.Find("c")!.Categories!.ToSnapshot());
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.*.tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CommittedVersion1File_StaysReadable()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Profiles", "Samples", "v1.mwp");
        var profile = ProfileFile.Load(path);
        Assert.Equal(ProfileKind.Reference, profile.Kind);
        Assert.Equal("sample", profile.ModelName);
        Assert.Equal(1_000, profile.Rows);
        Assert.Equal(["x", "y", "c"], profile.Features.Select(f => f.Name).ToArray());
        Assert.Equal(FeatureKind.Categorical, profile.Find("c")!.Kind);
        Assert.Equal(1_000, profile.Find("x")!.Count);
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "empty", string.Empty },
        { "not json", "this is not a profile" },
        { "truncated", "{\"format\":\"modelwatch-profile\",\"formatVersion\":1,\"kind\":\"Dataset\",\"features\":[{\"name\":\"x\"" },
        { "foreign json", "{\"hello\":\"world\"}" },
        { "no columns", "{\"format\":\"modelwatch-profile\",\"formatVersion\":1,\"kind\":\"Dataset\",\"features\":[]}" },
        { "unknown kind", "{\"format\":\"modelwatch-profile\",\"formatVersion\":1,\"kind\":\"Banana\",\"features\":[{\"name\":\"x\"}]}" },
        { "column without statistics", "{\"format\":\"modelwatch-profile\",\"formatVersion\":1,\"kind\":\"Dataset\",\"features\":[{\"name\":\"x\",\"kind\":\"Numeric\"}]}" },
        { "bad sketch", "{\"format\":\"modelwatch-profile\",\"formatVersion\":1,\"kind\":\"Dataset\",\"features\":[{\"name\":\"x\",\"kind\":\"Numeric\",\"moments\":{},\"sketch\":{\"k\":-5,\"count\":3,\"levels\":[]}}]}" },
        { "deep nesting", "{\"format\":\"modelwatch-profile\",\"formatVersion\":1,\"kind\":\"Dataset\",\"features\":[{\"name\":\"x\",\"kind\":\"Numeric\",\"moments\":{\"x\":" + new string('[', 5_000) + new string(']', 5_000) + "}}]}" },
        { "zero version", "{\"format\":\"modelwatch-profile\",\"formatVersion\":0,\"kind\":\"Dataset\",\"features\":[{\"name\":\"x\"}]}" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void BrokenFiles_AreRefusedWithAnErrorNamingTheFile(string what, string content)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var error = Assert.Throws<ProfileFormatException>(() => ProfileFile.Read(stream, "ref/broken.mwp"));
        Assert.StartsWith("ref/broken.mwp: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("ref/broken.mwp", error.FilePath);
        Assert.False(string.IsNullOrWhiteSpace(what));
    }

    [Fact]
    public void NewerFormatVersion_NamesBothVersions()
    {
        const string json = "{\"format\":\"modelwatch-profile\",\"formatVersion\":7,\"kind\":\"Dataset\",\"features\":[]}";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var error = Assert.Throws<ProfileFormatException>(() => ProfileFile.Read(stream, "fleet/a.mwp"));
        Assert.Contains("format version 7", error.Message, StringComparison.Ordinal);
        Assert.Contains($"1 to {ProfileFile.CurrentFormatVersion}", error.Message, StringComparison.Ordinal);
        Assert.Equal(7, error.FileFormatVersion);
    }

    [Fact]
    public void BitFlippedFiles_FailCleanlyOrLoad_NeverCrash()
    {
        var bytes = new MemoryStream();
        ProfileFile.Write(Seeded(2_000, seed: 6), bytes);
        byte[] original = bytes.ToArray();
        var rng = new SplitMix64(7);
        int refused = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] mutated = (byte[])original.Clone();
            int flips = 1 + (int)(rng.NextUniform() * 4);
            for (int f = 0; f < flips; f++)
            {
                mutated[(int)(rng.NextUniform() * mutated.Length)] ^= (byte)(1 << (int)(rng.NextUniform() * 8));
            }

            try
            {
                ProfileFile.Read(new MemoryStream(mutated), "flipped.mwp");
            }
            catch (ProfileFormatException)
            {
                refused++;
            }
        }

        Assert.True(refused > 0);
    }

    [Fact]
    public void OversizedStream_IsRefusedBeforeItIsRead()
    {
        using var stream = new OversizedStream();
        var error = Assert.Throws<ProfileFormatException>(() => ProfileFile.Read(stream, "huge.mwp"));
        Assert.Contains("more than a profile can be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_FindsTheShiftedColumn_AndReportsCounts()
    {
        var reference = Seeded(50_000, seed: 8);
        var current = Seeded(5_000, seed: 9, shift: 0.5);
        var report = ProfileComparison.Compare(reference, current);

        var x = report.Features.Single(f => f.Name == "x");
        var y = report.Features.Single(f => f.Name == "y");
        var c = report.Features.Single(f => f.Name == "c");
        Assert.True(x.IsDrift);
        Assert.False(y.IsDrift);
        Assert.False(c.IsDrift);
        Assert.Equal(5_000, report.Predictions);
        Assert.Contains(x.Detectors, d => d.Detector == "ks");
        Assert.Contains(c.Detectors, d => d.Detector == "chi_squared");
    }

    [Fact]
    public void Compare_WithMissingColumn_IsAClearError()
    {
        var reference = Seeded(1_000, seed: 1);
        var other = new ProfileBuilder(["x"], ["c"]);
        other.Add([1.0], ["a"]);
        var error = Assert.Throws<ArgumentException>(() => ProfileComparison.Compare(reference, other.Build()));
        Assert.Contains("no numeric column 'y'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToReference_FreezesSketchQuantilesForAMonitor()
    {
        var reference = Seeded(20_000, seed: 2).ToReference();
        Assert.Equal(20_000, reference.RowCount);
        var x = reference.Numeric.Single(n => n.Name == "x");
        Assert.Equal(100, x.Edges.BinCount);
        Assert.Equal(x.Count, x.Counts.Sum());
        Assert.Equal(["a", "b", "c"], reference.Categorical.Single().Categories.Order().ToArray());
    }

    private sealed class OversizedStream : MemoryStream
    {
        public override long Length => ProfileFile.MaxFileBytes + 1;
    }
}

using System.Text;
using System.Text.RegularExpressions;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Profiles;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Reliability;

/// <summary>
/// Bugs the reliability fuzzing found, each pinned by the input that found it: how it was found and
/// what the behaviour is now that it is fixed.
/// </summary>
public sealed class FuzzFindingsTests
{
    /// <summary>
    /// Found by CsvReaderFuzzTests: a cell of 1e308 in a numeric column): the values 1000, -0.0025
    /// and 1e308 (all finite, in this order) leave Moments with m2, m3 and m4 = Infinity despite its
    /// scaling (scaleExponent 9, shiftedMean 6.5e304). In process, ProfileBuilder.Build then throws an
    /// undocumented ArgumentException ("The moment sums are not finite or not consistent", from
    /// MomentsSnapshot.ToState via FeatureProfile.Clone). The CLI does not clone: <c>modelwatch profile</c>
    /// exits 0 and writes "m2": "Infinity", and <c>compare -r</c>, <c>merge</c> and <c>.Reference(path)</c>
    /// then refuse the file as damaged (exit 2). Smaller values do it too: a column of 1234, 98765 and
    /// 1e123 gets m3 = m4 = Infinity (scaleExponent 16, shiftedMean 5.1e117). Repro: printf 'y\n1000\n-0.0025\n1e308\n' &gt; b.csv;
    /// modelwatch profile b.csv -o b.mwp; modelwatch compare -r b.mwp -c b.csv. Such values must build,
    /// save and load.
    /// </summary>
    [Fact]
    public void Build_ValuesUpTo1e308_SaveAndLoad()
    {
        var builder = new ProfileBuilder(["y"]);
        builder.Add([1e3], []);
        builder.Add([-2.5e-3], []);
        builder.Add([1e308], []);
        var profile = builder.Build(); // was: ArgumentException here

        using var stream = new MemoryStream();
        ProfileFile.Write(profile, stream);
        stream.Position = 0;
        var loaded = ProfileFile.Read(stream, "huge.mwp");

        Assert.Equal(3, loaded.Find("y")!.Count);
        Assert.Equal(1e308, loaded.Find("y")!.Moments!.Max);
    }

    /// <summary>
    /// Found by ProfileReaderFuzzTests, input 9166 of seed 20261128: a category count replaced by
    /// 9223372036854775807): a profile whose categorical column claims a count near long.MaxValue loads,
    /// and Profile.Merge of it with itself wraps the count to a negative number without an exception; the
    /// merged profile is written, and reading it back fails with ProfileFormatException ("has an invalid
    /// column: Counts must not be negative"). Either the reader refuses such a count (more than the
    /// profile's rows, say), or Merge refuses the overflow with a documented exception, or the merge reads back.
    /// </summary>
    [Fact]
    public void Merge_CategoryCountNearLongMaxValue_DoesNotWriteAnUnreadableProfile()
    {
        var builder = new ProfileBuilder([], ["city"]);
        builder.Add([], ["Berlin"]);
        builder.Add([], ["Paris"]);
        string json = Encoding.UTF8.GetString(Serialize(builder.Build()));
        string hostile = Regex.Replace(json, "(\"maxKeyLength\":\\d+,\"count\":)\\d+", "${1}9223372036854775807");
        Assert.NotEqual(json, hostile);

        Profile loaded;
        try
        {
            loaded = ProfileFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(hostile)), "hostile.mwp");
        }
        catch (ProfileFormatException)
        {
            return; // refused on reading: fixed
        }

        Profile merged;
        try
        {
            merged = Profile.Merge([loaded, loaded]);
        }
        catch (ArgumentException)
        {
            return; // refused on merging, with Merge's documented exception: fixed
        }

        var reread = ProfileFile.Read(new MemoryStream(Serialize(merged)), "merged.mwp"); // was: ProfileFormatException, "Counts must not be negative"
        Assert.Equal(merged.Find("city")!.Count, reread.Find("city")!.Count);
    }

    /// <summary>
    /// Found by ProfileReaderFuzzTests at 100,000 inputs, inputs 33849 and 75294 of seed 20261128:
    /// "rows" replaced by 9223372036854775807): a profile may claim any row count up to long.MaxValue, and
    /// Profile.Merge of two such profiles throws OverflowException (Enumerable.Sum is checked), which Merge
    /// does not document (ArgumentException only); the CLI reports it as "unexpected error (OverflowException)".
    /// </summary>
    [Fact]
    public void Merge_RowsNearLongMaxValue_ThrowsOnlyItsDocumentedException()
    {
        var builder = new ProfileBuilder(["x"]);
        builder.Add([1.0], []);
        var profile = builder.Build();
        profile.Rows = long.MaxValue;

        try
        {
            Profile.Merge([profile, profile]); // was: OverflowException
        }
        catch (ArgumentException)
        {
            // Refusing the overflow with the documented exception is a fix.
        }
    }

    /// <summary>
    /// Found by ProfileReaderFuzzTests at 100,000 inputs, input 61933 of seed 20261128: an interior
    /// reference edge written as -2.2e999999, which System.Text.Json reads as -Infinity): a monitor whose
    /// reference comes from production (ReferenceFromFirstPredictions) restores a snapshot whose reference
    /// has a non-finite bin edge without complaint, installs it, and from then on every Log throws
    /// IndexOutOfRangeException (ModelMonitor.Record, at acc.AddBinnedRow, ModelMonitor.cs line 235) — the
    /// logging path must never throw, and a damaged snapshot must be refused (InvalidDataException, event
    /// 402) so the other entry or an empty start is used.
    /// </summary>
    [Fact]
    public async Task Restore_SnapshotReferenceWithInfiniteEdge_IsRefusedOrLoggingStillWorks()
    {
        var reference = TestModels.NormalReference(features: 2, rows: 2_000);
        byte[] bytes;
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(reference));
        using (services)
        {
            watch.GetMonitor("m").Log([0.5, -0.5], 0.1);
            var captured = MonitorSnapshots.Take(services.SingleMonitor(), time.GetUtcNow());

            using var stream = new MemoryStream();
            SnapshotFile.Write(captured, stream);
            bytes = stream.ToArray();
        }

        string json = Encoding.UTF8.GetString(bytes);
        string hostile = new Regex("\"edges\":\\[[^,\\]]+").Replace(json, "\"edges\":[-2.2e999999", 1);
        Assert.NotEqual(json, hostile);

        var (restoredServices, restored, _) = TestModels.Create(m => m.Numeric("f0", "f1").ReferenceFromFirstPredictions(500));
        using (restoredServices)
        {
            var monitor = restoredServices.SingleMonitor();
            try
            {
                var snapshot = await SnapshotFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(hostile)), "hostile.json", CancellationToken.None);
                lock (monitor.CollectLock)
                {
                    MonitorSnapshots.Restore(monitor, snapshot, "hostile.json");
                }
            }
            catch (InvalidDataException)
            {
                return; // refused: fixed
            }

            restored.GetMonitor("m").Log([0.5, -0.5], 0.1); // was: IndexOutOfRangeException
        }
    }

    private static byte[] Serialize(Profile profile)
    {
        using var stream = new MemoryStream();
        ProfileFile.Write(profile, stream);
        return stream.ToArray();
    }
}

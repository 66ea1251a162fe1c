using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Profiles;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>Window profiles keep segments, and replicas that admitted different segments merge by name.</summary>
public sealed class SegmentReplicaMergeTests : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly string[] Countries = ["US", "DE", "FR", "IT"];
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 1, rows: 2_000, categories: Countries);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-segfleet-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestModels.Start);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private HostedModelWatch Create(string replica)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddModelWatch(o =>
            {
                o.ShardCount = 2;
                o.ReplicaId = replica;
            })
            .AddModel("m", m => m.Numeric("f0").Categorical("c0").Window(Hour).KeepWindowProfiles().Reference(Reference).SegmentBy("c0").MaxSegments(2))
            .UseFileStore(_folder);
        return new HostedModelWatch(services.BuildServiceProvider());
    }

    private static void Log(IModelWatch watch, string country, int count, double value)
    {
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < count; i++)
        {
            monitor.Log([value + (i % 10 * 0.01)], [country], 0.5);
        }
    }

    [Fact]
    public async Task TwoReplicasWithDifferentSegments_MergeByName_EachRowInExactlyOneSegment()
    {
        await using var a = Create("pod-a");
        await using var b = Create("pod-b");
        await a.StartAsync();
        await b.StartAsync();
        Log(a.Watch, "US", 30, 1.0);  // pod-a admits US and DE; FR goes to its (other)
        Log(a.Watch, "DE", 20, 2.0);
        Log(a.Watch, "FR", 5, 3.0);
        Log(b.Watch, "FR", 40, 3.0);  // pod-b admits FR and US; IT and DE go to its (other)
        Log(b.Watch, "US", 10, 1.0);
        Log(b.Watch, "IT", 7, 4.0);
        Log(b.Watch, "DE", 3, 2.0);

        _time.Advance(Hour);
        foreach (var host in new[] { a, b })
        {
            await host.Watch.EvaluateAsync();
            await host.StopAsync(); // saves the queued window profiles
        }

        var merged = await new FileProfileStore(_folder).MergeWindowProfilesAsync("m", "1", TestModels.Start);
        Assert.NotNull(merged);
        Assert.Equal(115, merged.Rows);
        Assert.Equal(["(other)", "DE", "FR", "US"], merged.Segments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(40, merged.Segments["US"].Rows);          // tracked by both: merged
        Assert.Equal(20, merged.Segments["DE"].Rows);          // pod-a's; pod-b's 3 are in its (other)
        Assert.Equal(40, merged.Segments["FR"].Rows);          // pod-b's; pod-a's 5 are in its (other)
        Assert.Equal(5 + 7 + 3, merged.Segments[SegmentNames.Other].Rows);
        Assert.Equal(merged.Rows, merged.Segments.Values.Sum(s => s.Rows));
        Assert.Equal(40, merged.Segments["US"].Find("f0")!.Moments!.Count);
        Assert.Equal(1.045, merged.Segments["US"].Find("f0")!.Moments!.Mean, 9);

        // A segmented profile survives its file.
        using var stream = new MemoryStream();
        ProfileFile.Write(merged, stream);
        stream.Position = 0;
        var read = ProfileFile.Read(stream);
        Assert.Equal(merged.Segments.Keys.Order(StringComparer.Ordinal), read.Segments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(20, read.Segments["DE"].Rows);
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelWatch.Persistence;
using ModelWatch.Profiles;
using ModelWatch.Samples;
using ModelWatch.Storage.S3;
using ModelWatch.Storage.Tests.S3;
using ModelWatch.Storage.Tests.Servers;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Storage.Tests.Replicas;

/// <summary>
/// Replicas for real: processes of samples/ModelWatch.SampleApi on 127.0.0.1, each with its own replica
/// id, share one S3 bucket on s3rver (tests/stores/servers.sh). Their windows' profiles, merged, equal
/// those of one process fed the whole stream; a replica killed with SIGKILL while it writes leaves no
/// entry a reader cannot read.
/// </summary>
/// <remarks>
/// Windows are time windows of <see cref="Window"/>, aligned on the epoch, so every process closes them
/// at the same instants. Each request goes to its replica and to the single process at once, and none
/// is sent within <see cref="Guard"/> of a window's edge, so both log it in the same window.
/// </remarks>
public sealed class SampleApiReplicaTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Guard = TimeSpan.FromMilliseconds(300);
    private const string Model = "weather";
    private const string Version = "1";
    private readonly string _bucket = "mw-replicas-" + Guid.NewGuid().ToString("N")[..12];
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(20) };
    private readonly List<SampleApiProcess> _processes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (Environment.GetEnvironmentVariable(StoreServers.S3) is { Length: > 0 })
        {
            await S3Server.DeleteBucketAsync(_bucket);
        }
    }

    public void Dispose() => _client.Dispose();

    [SkippableFact]
    public async Task FourReplicasOnOneBucket_MergeToTheProfilesOfOneProcessFedTheWholeStream()
    {
        string server = StoreServers.Get(StoreServers.S3);
        var clock = Stopwatch.StartNew();
        var replicas = Enumerable.Range(0, 4).Select(r => Start(server, "fleet", "pod-" + r, snapshotInterval: TimeSpan.FromSeconds(30))).ToArray();
        var single = Start(server, "single", "single", snapshotInterval: TimeSpan.FromSeconds(30));
        await Task.WhenAll(replicas.Append(single).Select(p => p.WaitReadyAsync(_client, TimeSpan.FromSeconds(40))));
        output.WriteLine($"five processes ready after {clock.Elapsed.TotalSeconds:F1} s");

        // Seeded traffic: days of 2012-2013 (the reference period), the second half with temp_max 8 °C higher.
        var requests = Traffic(count: 1_600, seed: 20);
        var straddled = new HashSet<long>();
        var lanes = Enumerable.Range(0, 4).Select(lane => Task.Run(async () =>
        {
            for (int i = lane; i < requests.Length; i += 4)
            {
                await OutsideWindowEdgesAsync();
                long before = WindowOf(DateTimeOffset.UtcNow);
                await Task.WhenAll(PostAsync(replicas[lane], requests[i]), PostAsync(single, requests[i]));
                long after = WindowOf(DateTimeOffset.UtcNow);
                if (before != after)
                {
                    // Answered across an edge: the two processes may have logged it in different windows.
                    lock (straddled)
                    {
                        straddled.Add(before);
                        straddled.Add(after);
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(lanes);
        var sentAt = DateTimeOffset.UtcNow;
        output.WriteLine($"{requests.Length} requests sent to the fleet and to the single process after {clock.Elapsed.TotalSeconds:F1} s");

        // The last window closes at its edge and the evaluator (every 0.5 s) closes it; SIGTERM then saves the closed windows.
        await Task.Delay(StartOf(WindowOf(sentAt) + 1) - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.5));
        await Task.WhenAll(replicas.Append(single).Select(p => p.StopAsync(TimeSpan.FromSeconds(20))));
        output.WriteLine($"stopped after {clock.Elapsed.TotalSeconds:F1} s");

        using var fleet = Store(server, "fleet");
        using var whole = Store(server, "single");
        var fleetEntries = await fleet.ListWindowProfilesAsync(Model, Version);
        var wholeEntries = await whole.ListWindowProfilesAsync(Model, Version);
        var starts = wholeEntries.Select(e => e.WindowStart!.Value).Distinct().Order().ToArray();
        Assert.Equal(starts, fleetEntries.Select(e => e.WindowStart!.Value).Distinct().Order().ToArray());
        Assert.Equal(["pod-0", "pod-1", "pod-2", "pod-3"], fleetEntries.Select(e => e.Replica).Distinct().Order(StringComparer.Ordinal).ToArray());

        var reference = ReferenceOfThePeriod();
        long fleetRows = 0, wholeRows = 0, compared = 0;
        int drifted = 0;
        foreach (var start in starts)
        {
            var merged = (await fleet.MergeWindowProfilesAsync(Model, Version, start))!;
            var one = (await whole.MergeWindowProfilesAsync(Model, Version, start))!;
            fleetRows += merged.Rows;
            wholeRows += one.Rows;
            if (straddled.Contains(WindowOf(start)))
            {
                output.WriteLine($"  window {start:HH:mm:ss.fff}: a request answered across its edge, not compared ({merged.Rows} vs {one.Rows} rows)");
                continue;
            }

            compared += one.Rows;
            drifted += AssertSameWindow(start, merged, one, reference) ? 1 : 0;
        }

        output.WriteLine($"{starts.Length} windows of {Window.TotalSeconds} s, {compared} of {wholeRows} rows compared window by window, {drifted} windows with a drifting feature; {clock.Elapsed.TotalSeconds:F1} s in all");
        Assert.Equal(requests.Length, wholeRows);
        Assert.Equal(requests.Length, fleetRows);
        Assert.True(compared >= requests.Length / 2, $"only {compared} of {requests.Length} rows fell in windows without a request across an edge");
        Assert.True(drifted > 0, "no feature drifted in any window: temp_max should in the second half of the traffic");
    }

    [SkippableFact]
    public async Task AReplicaKilledWithSigkillWhileItWrites_LeavesNoEntryThatBreaksAReader()
    {
        string server = StoreServers.Get(StoreServers.S3);
        var requests = Traffic(count: 100_000, seed: 7);
        var random = new Random(7);
        using var store = Store(server, "killed");
        for (int round = 0; round < 3; round++)
        {
            // Windows of 2 s and a snapshot every 20 ms: the replica writes nearly all the time.
            var replica = Start(server, "killed", "pod-k", snapshotInterval: TimeSpan.FromMilliseconds(20));
            await replica.WaitReadyAsync(_client, TimeSpan.FromSeconds(30));
            using var stop = new CancellationTokenSource();
            bool killing = false;
            var traffic = Task.Run(async () =>
            {
                for (int i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        await PostAsync(replica, requests[i % requests.Length]);
                    }
                    catch (HttpRequestException) when (Volatile.Read(ref killing))
                    {
                        return;
                    }
                }
            });
            await Task.Delay(TimeSpan.FromMilliseconds(2_000 + random.Next(2_000)));
            Volatile.Write(ref killing, true);
            await replica.KillAsync();
            await stop.CancelAsync();
            await traffic;

            // A reader lists the store and reads every entry: each is whole (a profile or a JSON snapshot),
            // except that s3rver rewrites a key in place, so the snapshot slot being rewritten when the
            // process died fails its checksum: the store refuses it (IOException), never reads it as valid,
            // and the other slot is whole.
            var entries = await store.ListAsync(Model, Version, CancellationToken.None);
            Assert.Contains(entries, e => e.StartsWith("pod-k/snapshot/", StringComparison.Ordinal));
            var refused = new List<string>();
            var wholeSnapshots = 0;
            foreach (string entry in entries)
            {
                Stream? stream;
                try
                {
                    stream = await store.OpenReadAsync(Model, Version, entry, CancellationToken.None);
                }
                catch (IOException ex) when (entry.StartsWith("pod-k/snapshot/", StringComparison.Ordinal))
                {
                    refused.Add(entry);
                    output.WriteLine($"round {round}: {entry} refused: {ex.Message}");
                    continue;
                }

                Assert.NotNull(stream);
                await using (stream)
                {
                    if (entry.EndsWith(".json", StringComparison.Ordinal))
                    {
                        using var document = await JsonDocument.ParseAsync(stream);
                        wholeSnapshots++;
                    }
                    else
                    {
                        Assert.True(ProfileFile.Read(stream, entry).Rows > 0, entry);
                    }
                }
            }

            Assert.True(refused.Count <= 1, $"more than the slot being written was refused: {string.Join(", ", refused)}");
            Assert.True(wholeSnapshots >= 1, "no snapshot slot reads whole");

            foreach (var window in await store.ListWindowProfilesAsync(Model, Version))
            {
                Assert.NotNull(await store.MergeWindowProfilesAsync(Model, Version, window.WindowStart!.Value));
            }

            output.WriteLine($"round {round}: killed; {entries.Count} entries, {entries.Count - refused.Count} read whole, {refused.Count} refused");
        }

        // The replica restarts on what the kills left and restores its state.
        var restarted = Start(server, "killed", "pod-k", snapshotInterval: TimeSpan.FromSeconds(30));
        await restarted.WaitReadyAsync(_client, TimeSpan.FromSeconds(30));
        var model = await _client.GetFromJsonAsync<JsonElement>(new Uri(restarted.Url, "/modelwatch/api/models/weather"));
        await restarted.StopAsync(TimeSpan.FromSeconds(20));
        // At most the slot cut off by the last kill is skipped (logged as unreadable); the other restores.
        Assert.True(Regex.Count(restarted.Output, "unreadable", RegexOptions.IgnoreCase) <= 1, restarted.Output);
        Assert.Contains("restored", restarted.Output, StringComparison.OrdinalIgnoreCase);
        output.WriteLine(model.ToString()[..Math.Min(400, model.ToString().Length)]);
    }

    /// <summary>Compares one window: the fleet's merged profile against the single process's. Returns whether a feature drifts in it.</summary>
    private bool AssertSameWindow(DateTimeOffset start, Profile merged, Profile one, Profile reference)
    {
        string at = $"window {start:HH:mm:ss.fff}";
        Assert.True(one.Rows == merged.Rows, $"{at}: {merged.Rows} rows merged, {one.Rows} in the single process");
        Assert.Equal(one.WindowEnd, merged.WindowEnd);
        double worst = 0;
        foreach (var feature in one.Features)
        {
            var other = merged.Find(feature.Name);
            Assert.True(other is not null, $"{at}: {feature.Name} missing from the merged profile");
            if (feature.Moments is { } a)
            {
                var b = other.Moments!;
                Assert.Equal(a.Count, b.Count);
                Assert.Equal(a.Min, b.Min);
                Assert.Equal(a.Max, b.Max);
                Tolerance.Close(a.Mean, b.Mean, 1e-12, 1e-9, $"{at} {feature.Name} mean");
                Tolerance.Close(a.SampleVariance, b.SampleVariance, 1e-12, 1e-9, $"{at} {feature.Name} variance");
                Tolerance.Close(a.Skewness, b.Skewness, 1e-9, 1e-9, $"{at} {feature.Name} skewness");

                // Quantiles: the single sketch's rank interval of each merged quantile holds it, within the bounds.
                var sa = feature.Sketch!;
                var sb = other.Sketch!;
                for (double q = 0.01; q < 1; q += 0.01)
                {
                    double value = sb.Quantile(q);
                    double below = (double)sa.Rank(Math.BitDecrement(value)) / sa.Count, upTo = (double)sa.Rank(value) / sa.Count;
                    double gap = q < below ? below - q : q > upTo ? q - upTo : 0;
                    worst = Math.Max(worst, gap);
                    Assert.True(gap <= (2 * sa.RankErrorBound) + (1.0 / sa.Count), $"{at} {feature.Name} q {q:F2}: rank gap {gap} beyond {2 * sa.RankErrorBound}");
                }
            }

            if (feature.Categories is { } categories)
            {
                Assert.Equal(
                    categories.GetCounts().ToDictionary(e => e.Value, e => e.LowerBound),
                    other.Categories!.GetCounts().ToDictionary(e => e.Value, e => e.LowerBound));
            }
        }

        var fromMerged = ProfileComparison.Compare(reference, merged);
        var fromOne = ProfileComparison.Compare(reference, one);
        foreach (var feature in fromOne.Features)
        {
            Assert.True(feature.IsDrift == fromMerged.Features.Single(f => f.Name == feature.Name).IsDrift, $"{at} {feature.Name}: drift {feature.IsDrift} in the single process, not in the merged fleet");
        }

        Assert.Equal(fromOne.IsDrift, fromMerged.IsDrift);
        var drifting = fromOne.Features.Where(f => f.IsDrift).Select(f => f.Name).ToArray();
        output.WriteLine($"  {at}: {one.Rows} rows, worst rank gap {worst:E2}, drifting features: {string.Join(", ", drifting)}; dataset drift {fromOne.IsDrift}");
        return drifting.Length > 0;
    }

    private SampleApiProcess Start(string server, string prefix, string replica, TimeSpan snapshotInterval)
    {
        var settings = new Dictionary<string, string>
        {
            ["ModelWatch:ReplicaId"] = replica,
            ["ModelWatch:EvaluationInterval"] = "00:00:00.5",
            ["ModelWatch:SnapshotInterval"] = snapshotInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["WeatherModel:Window:Kind"] = "Time",
            ["WeatherModel:Window:Duration"] = Window.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["WeatherModel:Window:KeepProfiles"] = "true",
            ["Store:S3:Bucket"] = _bucket,
            ["Store:S3:Prefix"] = prefix,
            ["Store:S3:ServiceUrl"] = server,
            ["Store:S3:CompatibleServer"] = "true",
            ["Store:S3:CreateBucket"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:ModelWatch"] = "Information",
        };

        // The AWS SDK's credential chain reads them from the environment, as on a host.
        var environment = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = S3Server.AccessKey, ["AWS_SECRET_ACCESS_KEY"] = S3Server.SecretKey };
        var process = SampleApiProcess.Start(settings, environment);
        _processes.Add(process);
        return process;
    }

    private S3ProfileStore Store(string server, string prefix)
    {
        var options = S3Server.Options(_bucket);
        options.ServiceUrl = new Uri(server);
        options.Prefix = prefix;
        return new S3ProfileStore(options, S3Server.Credentials);
    }

    private async Task PostAsync(SampleApiProcess process, object body)
    {
        using var response = await _client.PostAsJsonAsync(new Uri(process.Url, "/predict"), body);
        Assert.True(response.IsSuccessStatusCode, $"{process.Url}: {(int)response.StatusCode}");
    }

    private static long WindowOf(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / (long)Window.TotalMilliseconds;

    private static DateTimeOffset StartOf(long window) => DateTimeOffset.FromUnixTimeMilliseconds(window * (long)Window.TotalMilliseconds);

    /// <summary>Waits while the clock is within <see cref="Guard"/> of a window's edge.</summary>
    private static async Task OutsideWindowEdgesAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var into = now - StartOf(WindowOf(now));
        if (into < Guard)
        {
            await Task.Delay(Guard - into);
        }
        else if (into > Window - Guard)
        {
            await Task.Delay(Window - into + Guard);
        }
    }

    /// <summary>Request bodies: days of 2012-2013 drawn with a seed, the second half with temp_max 8 °C higher.</summary>
    private static object[] Traffic(int count, ulong seed)
    {
        var days = WeatherDay.Load().Where(d => d.Date.Year is 2012 or 2013).ToArray();
        var rng = new SplitMix64(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var day = days[(int)(rng.Next() % (ulong)days.Length)];
            double shift = i >= count / 2 ? 8 : 0;
            return (object)new { precipitation = day.Precipitation, temp_max = day.TempMax + shift, temp_min = day.TempMin, wind = day.Wind };
        }).ToArray();
    }

    /// <summary>The four features over the reference period: the reference both sides' verdicts are taken against.</summary>
    private static Profile ReferenceOfThePeriod()
    {
        var builder = new ProfileBuilder(WeatherDay.FeatureNames, []);
        foreach (var day in WeatherDay.Load().Where(d => d.Date.Year is 2012 or 2013))
        {
            builder.Add(day.Features, []);
        }

        return builder.Build(ProfileKind.Reference);
    }
}

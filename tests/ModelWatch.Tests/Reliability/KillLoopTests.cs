using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Profiles;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Reliability;

/// <summary>
/// A process logging at full speed with a file store is killed with SIGKILL at a random moment, again
/// and again; every time, a fresh host on the same folder must restore a snapshot, and what it
/// restores must lie between what the process had logged two snapshot intervals before the kill and
/// what it had logged at the kill. MODELWATCH_KILL_LOOPS sets the number of kills.
/// </summary>
/// <remarks>
/// The child is tests/ModelWatch.KillTarget, started as <c>dotnet ModelWatch.KillTarget.dll</c> from its
/// build output beside this project's. It runs alone: two busy logging threads in the child already
/// fill this machine's cores, and other tests at the same time would only stretch the intervals.
/// </remarks>
[Collection(RunsAlone.Name)]
public sealed class KillLoopTests(ITestOutputHelper output) : IDisposable
{
    private const ulong Seed = 20261128;

    /// <summary>The child's <c>SnapshotInterval</c> (tests/ModelWatch.KillTarget/Program.cs).</summary>
    private static readonly TimeSpan SnapshotInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Slack for the lower bound on top of two intervals: the snapshot timer, the JSON write and the
    /// rename compete with two logging threads for two cores, so a tick can come late.
    /// </summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);

    /// <summary>Starting the child includes the runtime's start-up and JIT on a busy machine: generous.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "mw-kill-" + Guid.NewGuid().ToString("N"));

    /// <summary>Kills per run: <c>MODELWATCH_KILL_LOOPS</c>, 10 by default (CI); the documented full run is 50.</summary>
    private static int Loops =>
        int.TryParse(Environment.GetEnvironmentVariable("MODELWATCH_KILL_LOOPS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 10;

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task SigKill_AtRandomMoments_LeavesASnapshotThatRestoresWithinTwoIntervals()
    {
        string target = KillTargetPath();
        Directory.CreateDirectory(_root);
        string reference = SaveReference(Path.Combine(_root, "reference.mwp"));
        var rng = new SplitMix64(Seed);
        var failures = new List<string>();
        long maxGap = 0;
        double maxGapMs = 0, maxWarmUpMs = 0;
        output.WriteLine($"{"kill",4} {"1st snap ms",11} {"delay ms",8} {"logged at kill",14} {"restored",12} {"gap",10} {"gap ms",7} {"lower bound",12} {"entry",16} warnings");
        for (int loop = 0; loop < Loops; loop++)
        {
            string store = Path.Combine(_root, "store-" + loop.ToString(CultureInfo.InvariantCulture));
            var delay = TimeSpan.FromMilliseconds(200 + (int)(rng.NextUniform() * 600));
            var run = await RunAndKillAsync(target, store, reference, delay);
            var restore = await RestoreAsync(store, reference);

            long loggedAtKill = run.Lines[^1].Count;

            // What the child had logged when the lower bound's moment passed: the last line received by then
            // (a line is printed before it is received, and counts only Log calls that had returned).
            var boundTime = run.KilledAt - (2 * SnapshotInterval) - Margin;
            long lowerBound = run.Lines.LastOrDefault(l => l.At <= boundTime).Count;

            // The newest snapshot may have been captured after the child's last line, and a line is at most one
            // print period old at the kill: the upper bound allows one period's progress, the largest step seen.
            long step = run.Lines.Zip(run.Lines.Skip(1), (a, b) => b.Count - a.Count).DefaultIfEmpty(0).Max();
            long gap = loggedAtKill - restore.Events;
            double perMs = run.Lines.Count > 1 ? (run.Lines[^1].Count - run.Lines[0].Count) / (run.Lines[^1].At - run.Lines[0].At).TotalMilliseconds : 0;
            double gapMs = perMs > 0 ? gap / perMs : 0;
            maxGap = Math.Max(maxGap, gap);
            maxGapMs = Math.Max(maxGapMs, gapMs);
            maxWarmUpMs = Math.Max(maxWarmUpMs, run.WarmUp.TotalMilliseconds);
            output.WriteLine($"{loop,4} {run.WarmUp.TotalMilliseconds,11:F0} {delay.TotalMilliseconds,8:F0} {loggedAtKill,14:N0} {restore.Events,12:N0} {gap,10:N0} {gapMs,7:F0} {lowerBound,12:N0} {restore.Entry ?? "-",16} {restore.Warnings.Count}");

            // No entry at all is a clean start, right for a kill before the first snapshot was complete; the lower bound
            // below decides whether that was too late for one.
            if (restore.Warnings.Count > 0)
            {
                // Writes are atomic (temporary file, flush, rename), so a kill can leave a stray temporary file but never a damaged entry.
                failures.Add($"kill {loop}: restoring logged warnings: {string.Join(" | ", restore.Warnings)}");
            }

            if (restore.Events > loggedAtKill + step)
            {
                failures.Add($"kill {loop}: restored {restore.Events:N0} predictions, more than the child had logged at the kill ({loggedAtKill:N0} + one print period's {step:N0})");
            }

            if (restore.Events < lowerBound)
            {
                failures.Add($"kill {loop}: restored {restore.Events:N0} predictions, fewer than the {lowerBound:N0} logged {(2 * SnapshotInterval) + Margin:g} before the kill");
            }
        }

        output.WriteLine($"{Loops} kills; the largest gap {maxGap:N0} predictions (about {maxGapMs:F0} ms of logging; snapshot interval {SnapshotInterval.TotalMilliseconds} ms); the first snapshot came at most {maxWarmUpMs:F0} ms after the first line");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The child's build output, beside this project's: tests/ModelWatch.KillTarget/bin/&lt;Configuration&gt;/net10.0/.</summary>
    private static string KillTargetPath()
    {
        var self = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)); // tests/ModelWatch.Tests/bin/<Configuration>/<tfm>
        string configuration = self.Parent!.Name;
        string path = Path.GetFullPath(Path.Combine(self.FullName, "..", "..", "..", "..", "ModelWatch.KillTarget", "bin", configuration, self.Name, "ModelWatch.KillTarget.dll"));
        Assert.True(File.Exists(path), $"{path} does not exist: build it first (dotnet build tests/ModelWatch.KillTarget -c {configuration}).");
        return path;
    }

    private static string SaveReference(string path)
    {
        var builder = new ProfileBuilder(["f0", "f1"], ["c0"]);
        var rng = new SplitMix64(Seed);
        string[] categories = ["a", "b", "c"];
        for (int i = 0; i < 5_000; i++)
        {
            builder.Add([rng.NextNormal(), rng.NextNormal()], [categories[i % 3]]);
        }

        ProfileFile.Save(builder.Build(ProfileKind.Reference), path);
        return path;
    }

    /// <summary>Starts the child, waits for its first line and its first snapshot and then <paramref name="delay"/>, kills it, and collects every line it printed.</summary>
    private static async Task<ChildRun> RunAndKillAsync(string target, string store, string reference, TimeSpan delay)
    {
        // The runtime host running this test (testhost is started by dotnet), else dotnet from the PATH.
        string host = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(target);
        start.ArgumentList.Add(store);
        start.ArgumentList.Add(reference);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{host} did not start.");
        var clock = Stopwatch.StartNew();
        var lines = new List<(TimeSpan At, long Count)>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = process.StandardError.ReadToEndAsync();
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("logged ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out long count))
                {
                    lock (lines)
                    {
                        lines.Add((clock.Elapsed, count));
                    }

                    first.TrySetResult();
                }
            }
        });

        try
        {
            var started = await Task.WhenAny(first.Task, process.WaitForExitAsync(), Task.Delay(StartTimeout));
            if (started != first.Task)
            {
                Assert.Fail(process.HasExited
                    ? $"the child exited with code {process.ExitCode} before printing a line; standard error: {await stderr}"
                    : $"the child printed no line within {StartTimeout.TotalSeconds} s of starting.");
            }

            // The first snapshot lands late: its capture comes one interval after start, but the first write JIT-compiles the
            // serializer and the file code while both logging threads hold the cores (about half a second here). The bounds
            // are about the steady state, so the random delay starts once an entry exists; the warm-up is reported.
            var firstLine = clock.Elapsed;
            string[] entries = [.. StoreLayout.Snapshots(ReplicaIds.Default()).Select(e => new FileProfileStore(store).PathOf("m", "1", e))];
            while (!entries.Any(File.Exists))
            {
                if (process.HasExited || clock.Elapsed - firstLine > StartTimeout)
                {
                    Assert.Fail($"the child wrote no snapshot within {StartTimeout.TotalSeconds} s of its first line (exited: {process.HasExited}).");
                }

                await Task.Delay(5);
            }

            var warmUp = clock.Elapsed - firstLine;
            await Task.Delay(delay);
            var killedAt = clock.Elapsed;
            process.Kill(entireProcessTree: true); // SIGKILL on Linux: no handler, no final snapshot
            using var exit = new CancellationTokenSource(ExitTimeout);
            await process.WaitForExitAsync(exit.Token);

            // The pipe holds whatever the child printed before it died; its end arrives with the process's.
            if (await Task.WhenAny(reading, Task.Delay(ExitTimeout)) != reading)
            {
                Assert.Fail($"the child's standard output did not close within {ExitTimeout.TotalSeconds} s of the kill.");
            }

            lock (lines)
            {
                return new ChildRun(killedAt, warmUp, [.. lines]);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Opens the store with a fresh in-process host (starting it restores) and reads what came back.</summary>
    private static async Task<Restored> RestoreAsync(string store, string reference)
    {
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
        services.AddModelWatch()
            .AddModel("m", m => m.Numeric("f0", "f1").Categorical("c0").Prediction(PredictionKind.None).Reference(reference))
            .UseFileStore(store);
        await using var host = new HostedModelWatch(services.BuildServiceProvider());
        using var timeout = new CancellationTokenSource(StartTimeout);
        await host.StartAsync().WaitAsync(timeout.Token);

        var monitor = host.Services.SingleMonitor();
        var records = logs.GetSnapshot();
        var warnings = records.Where(r => r.Level >= LogLevel.Warning).Select(r => r.Message).ToList();
        string? entry = records
            .Where(r => r.Message.Contains("restored from", StringComparison.Ordinal))
            .Select(r => StoreLayout.Snapshots(ReplicaIds.Default()).FirstOrDefault(e => r.Message.Contains(e, StringComparison.Ordinal)))
            .FirstOrDefault();

        // Not stopped: stopping would save a snapshot of its own into the folder.
        return new Restored(monitor.Totals.Events, entry, warnings);
    }

    private sealed record ChildRun(TimeSpan KilledAt, TimeSpan WarmUp, IReadOnlyList<(TimeSpan At, long Count)> Lines);

    private sealed record Restored(long Events, string? Entry, IReadOnlyList<string> Warnings);
}

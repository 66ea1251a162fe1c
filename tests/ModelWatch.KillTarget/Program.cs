using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelWatch.Monitoring;

// Usage: ModelWatch.KillTarget <store folder> <reference .mwp>
// Logs predictions for model "m" (numeric f0, f1; categorical c0) on two threads until it is killed,
// snapshotting to the store every 50 ms, and prints "logged <N>" about every 10 ms: N is the number
// of Log calls that had returned when the line was printed (a lower bound on what the monitor holds).
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync("usage: ModelWatch.KillTarget <store folder> <reference .mwp>").ConfigureAwait(false);
    return 2;
}

string store = args[0];
string reference = args[1];

var builder = Host.CreateApplicationBuilder([]);

// Standard output carries only the "logged" lines the test parses.
builder.Logging.ClearProviders();
builder.Services.AddModelWatch(o => o.SnapshotInterval = TimeSpan.FromMilliseconds(50))
    .AddModel("m", m => m.Numeric("f0", "f1").Categorical("c0").Prediction(PredictionKind.None).Reference(reference))
    .UseFileStore(store);

using var host = builder.Build();
await host.StartAsync().ConfigureAwait(false);
var monitor = host.Services.GetRequiredService<IModelWatch>().GetMonitor("m");

// One counter per thread, each on its own cache line, so counting does not slow logging down.
var counts = new long[2 * 16];
var threads = new Thread[2];
for (int t = 0; t < threads.Length; t++)
{
    int slot = t * 16;
    ulong seed = (ulong)t + 1;
    threads[t] = new Thread(() => LogForever(monitor, counts, slot, seed)) { IsBackground = true, Name = "logging " + t.ToString(CultureInfo.InvariantCulture) };
    threads[t].Start();
}

using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
{
    long total = Volatile.Read(ref counts[0]) + Volatile.Read(ref counts[16]);
    await stdout.WriteLineAsync("logged " + total.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
}

return 0;

static void LogForever(IModelMonitor monitor, long[] counts, int slot, ulong seed)
{
    string?[][] categories = [["a"], ["b"], ["c"]];
    ulong state = seed;
    double[] row = new double[2];
    while (true)
    {
        // SplitMix64 steps: cheap, seeded values near the reference's N(0, 1) columns.
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        row[0] = ((z & 0xFFFF) / 32768.0) - 1.0;
        row[1] = (((z >> 16) & 0xFFFF) / 32768.0) - 1.0;
        monitor.Log(row, categories[(int)((z >> 32) % 3)], 0);

        // Counted after Log returned: a printed total never exceeds what the monitor has seen.
        Volatile.Write(ref counts[slot], counts[slot] + 1);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.HotPath;

/// <summary>
/// <c>Log</c> against HdrHistogram recording the same 11 values, in one process: rounds of each in
/// turn over the same rows, the best round of each, and their ratio. One process is one placement of
/// the monitor's memory; running this several times shows how much the ratio moves between
/// processes, which BenchmarkDotNet's launches also show but minutes apart.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/ModelWatch.Benchmarks -- log-ratio [rounds]</c>
/// (default 100 rounds of 4 × 1,024 calls each).
/// </remarks>
internal static class LogRatio
{
    private const int Features = 10;
    private const int Rows = 1024;

    public static void Run(int rounds)
    {
        var names = HotPathSetup.FeatureNames(Features);
        var rows = HotPathSetup.NormalRows(Rows, Features);
        var services = new ServiceCollection();
        services.AddModelWatch().AddModel("m", m => m.Numeric(names).Reference(HotPathSetup.NormalReference(names)));
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IModelWatch>().GetMonitor("m", "1");
        var histograms = Enumerable.Range(0, Features + 1).Select(_ => new LongHistogram(1_000_000_000, 3)).ToArray();

        var paths = new (string Name, Action Calls)[]
        {
            ("HdrHistogram, 11 × RecordValue", () => HotPathSetup.RecordHdr(histograms, rows)),
            ("Log(10 numeric, prediction)", () =>
            {
                foreach (var row in rows)
                {
                    monitor.Log(row, 0.5);
                }
            }),
        };

        var best = new double[paths.Length];
        Array.Fill(best, double.MaxValue);
        for (int round = -rounds / 4; round < rounds; round++) // a quarter again as warm-up, not counted
        {
            for (int p = 0; p < paths.Length; p++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < 4; i++)
                {
                    paths[p].Calls();
                }

                double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / (4 * Rows);
                if (round >= 0)
                {
                    best[p] = Math.Min(best[p], ns);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# Log / HdrHistogram in one process: best of {rounds} rounds, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInformation.OSDescription}"));
        for (int p = 0; p < paths.Length; p++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{paths[p].Name}: {best[p]:F2} ns per call"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio: {best[1] / best[0]:F3}"));
    }
}

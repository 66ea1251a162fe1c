using System.Globalization;
using BenchmarkDotNet.Running;
using ModelWatch.Benchmarks;
using ModelWatch.Benchmarks.HotPath;

// Run with: dotnet run -c Release --project benchmarks/ModelWatch.Benchmarks -- --filter '*Moments*'
// Log latency percentiles (a plain harness, not BenchmarkDotNet): ... -- latency [calls per thread]
if (args.Length > 0 && args[0] == "latency")
{
    long calls = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 5_000_000;
    await LogLatency.RunAsync(calls);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());

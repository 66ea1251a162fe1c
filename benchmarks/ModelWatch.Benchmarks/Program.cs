using System.Globalization;
using BenchmarkDotNet.Running;
using ModelWatch.Benchmarks;
using ModelWatch.Benchmarks.Cli;
using ModelWatch.Benchmarks.HotPath;

// Run with: dotnet run -c Release --project benchmarks/ModelWatch.Benchmarks -- --filter '*Moments*'
// CPU time and allocation of fleet passes: ... -- fleet-pass [models] [passes] [parallelism]
// Log latency percentiles (a plain harness, not BenchmarkDotNet): ... -- latency [calls per thread]
// Throughput from 1 thread to T, measured in pairs (a plain harness): ... -- scaling [threads] [rounds]
// Log against HdrHistogram in one process, best rounds (a plain harness): ... -- log-ratio [rounds]
// The Parquet benchmark's file, for timing the modelwatch process on it: ... -- parquet-file <path> [rows]
if (args.Length > 1 && args[0] == "parquet-file")
{
    long rows = args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : ParquetBenchmarkFile.DefaultRows;
    ParquetBenchmarkFile.Write(args[1], rows);
    Console.WriteLine($"wrote {args[1]}: {rows:N0} rows, {new FileInfo(args[1]).Length:N0} bytes");
    return;
}

if (args.Length > 0 && args[0] == "fleet-pass")
{
    int models = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    int passes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
    int parallelism = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
    ModelWatch.Benchmarks.Evaluation.FleetPassCost.Run(models, passes, parallelism);
    return;
}

if (args.Length > 0 && args[0] == "latency")
{
    long calls = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 5_000_000;
    await LogLatency.RunAsync(calls);
    return;
}

if (args.Length > 0 && args[0] == "scaling")
{
    int threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
    int rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
    if (threads < 1 || rounds < 4)
    {
        Console.Error.WriteLine("scaling [threads] [rounds]: at least 1 thread and 4 rounds (quartiles need four).");
        return;
    }

    ThreadScaling.Run(threads, rounds);
    return;
}

if (args.Length > 0 && args[0] == "log-ratio")
{
    int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
    if (rounds < 1)
    {
        Console.Error.WriteLine("log-ratio [rounds]: at least 1 round.");
        return;
    }

    LogRatio.Run(rounds);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());

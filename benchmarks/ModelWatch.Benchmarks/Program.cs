using BenchmarkDotNet.Running;
using ModelWatch.Benchmarks;

// Run with: dotnet run -c Release --project benchmarks/ModelWatch.Benchmarks -- --filter '*Moments*'
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ModelWatch.Extensions.AI.Benchmarks;

// Run with: dotnet run -c Release --project benchmarks/ModelWatch.Extensions.AI.Benchmarks -- --filter '*'
// Every benchmark reports allocations and writes GitHub markdown for benchmarks/results/.
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddExporter(MarkdownExporter.GitHub)
    .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
    .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
BenchmarkSwitcher.FromAssembly(typeof(ChatMiddlewareBenchmarks).Assembly).Run(args, config);

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Reports;

namespace ModelWatch.Benchmarks;

/// <summary>
/// Every benchmark reports allocations (the hot path must allocate nothing) and writes GitHub
/// markdown that can be committed to benchmarks/results/ as is.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddExporter(MarkdownExporter.GitHub);
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(BenchmarkDotNet.Columns.RatioStyle.Trend));
        WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
    }
}

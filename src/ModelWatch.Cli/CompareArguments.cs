using ModelWatch.Cli.Csv;
using ModelWatch.Monitoring;

namespace ModelWatch.Cli;

/// <summary>The parsed arguments of <c>compare</c> and <c>report</c>.</summary>
internal sealed record CompareArguments
{
    public required string Reference { get; init; }

    public required string Current { get; init; }

    public OutputFormat Format { get; init; }

    public string? Output { get; init; }

    public required DriftGate Gate { get; init; }

    public string? Title { get; init; }

    public required DriftOptions Drift { get; init; }

    public required CsvReadOptions Csv { get; init; }

    public bool Quiet { get; init; }
}

using ModelWatch.Monitoring;

namespace ModelWatch.Cli;

/// <summary>A comparison as the gate sees it: the report, the rows read on each side, and why there is no verdict, if there is none.</summary>
internal sealed record GateVerdict
{
    public required DriftReport Report { get; init; }

    public required long ReferenceRows { get; init; }

    public required long CurrentRows { get; init; }

    /// <summary>Gets why the comparison decides nothing (too few rows, no feature evaluated), or null when it has a verdict.</summary>
    public string? NoVerdictReason { get; init; }
}

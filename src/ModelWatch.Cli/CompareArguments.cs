using ModelWatch.Cli.Csv;
using ModelWatch.Monitoring;

namespace ModelWatch.Cli;

/// <summary>The parsed arguments of <c>compare</c> and <c>report</c>.</summary>
internal sealed record CompareArguments
{
    /// <summary>The largest --exact-up-to: the largest K a quantile sketch accepts, which it holds exactly.</summary>
    public const int MaxExactUpTo = 65_536;

    public required string Reference { get; init; }

    public required string Current { get; init; }

    public OutputFormat Format { get; init; }

    public string? Output { get; init; }

    public required DriftGate Gate { get; init; }

    public string? Title { get; init; }

    public required DriftOptions Drift { get; init; }

    public required CsvReadOptions Csv { get; init; }

    public bool Quiet { get; init; }

    /// <summary>Gets the store the profile names are entries of (<c>--store</c>), or null for files.</summary>
    public Stores.StoreProfiles? Store { get; init; }

    /// <summary>Gets the most values per numeric column for exact KS and Wasserstein, or null for as many as the inputs hold exactly.</summary>
    public int? ExactUpTo { get; init; }

    /// <summary>The column that names the segments, to compare segment by segment (both inputs segmented profiles); null: the whole data sets only.</summary>
    public IReadOnlyList<string>? SegmentBy { get; init; }
}

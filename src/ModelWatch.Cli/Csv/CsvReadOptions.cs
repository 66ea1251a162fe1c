using ModelWatch.Statistics;

namespace ModelWatch.Cli.Csv;

/// <summary>How an input is read and which columns become which statistics (CSV files; the column options also for Parquet files).</summary>
internal sealed record CsvReadOptions
{
    /// <summary>The number of data rows schema inference looks at.</summary>
    public const int DefaultInferenceRows = 10_000;

    /// <summary>The most columns a header may have unless <c>--max-columns</c> says otherwise.</summary>
    /// <remarks>About 25 KB per numeric column while reading (a quantile sketch), so the default's columns take about 250 MB.</remarks>
    public const int DefaultMaxColumns = 10_000;

    /// <summary>Gets the most columns a header may have.</summary>
    public int MaxColumns { get; init; } = DefaultMaxColumns;

    /// <summary>Gets the accuracy parameter K of numeric columns' sketches: a column holds every value, for exact KS and Wasserstein, up to K values.</summary>
    public int SketchK { get; init; } = QuantileSketch.DefaultK;

    /// <summary>Gets the field separator.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Gets a value indicating whether malformed rows are skipped and counted instead of stopping with an error.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary>Gets the only columns to profile (with those named by the other column options); empty for every column not ignored.</summary>
    public IReadOnlyCollection<string> Columns { get; init; } = [];

    /// <summary>Gets the columns forced numeric.</summary>
    public IReadOnlyCollection<string> Numeric { get; init; } = [];

    /// <summary>Gets the columns forced categorical.</summary>
    public IReadOnlyCollection<string> Categorical { get; init; } = [];

    /// <summary>Gets the columns not profiled.</summary>
    public IReadOnlyCollection<string> Ignore { get; init; } = [];

    /// <summary>Gets the column that holds the model's prediction, if any.</summary>
    public string? Prediction { get; init; }

    /// <summary>Gets the schema to read the file with (from a profile), or null to infer it.</summary>
    public IReadOnlyList<SchemaColumn>? Schema { get; init; }

    /// <summary>Gets the number of data rows schema inference looks at.</summary>
    public int InferenceRows { get; init; } = DefaultInferenceRows;

    /// <summary>Gets the categorical columns whose values (joined by <c>|</c> for several) name the segments profiled besides the whole file (<c>--segment-by</c>); empty: none.</summary>
    public IReadOnlyList<string> SegmentBy { get; init; } = [];

    /// <summary>Gets how many segments are profiled at most, besides <c>(other)</c> (<c>--max-segments</c>).</summary>
    public int MaxSegments { get; init; } = Monitoring.SegmentOptions.DefaultMaxSegments;

    /// <summary>Gets a value indicating whether numeric statistics are accumulated on a second thread while the first parses.</summary>
    public bool Pipelined { get; init; } = Environment.ProcessorCount > 1;
}

using ModelWatch.Monitoring;
using ModelWatch.Profiles;
using ModelWatch.Statistics;

namespace ModelWatch.Parquet;

/// <summary>Which columns of a Parquet file <see cref="ParquetProfiler"/> profiles, and how.</summary>
/// <remarks>
/// A column's kind follows its Parquet type: floating-point, integer and decimal columns are numeric;
/// string, enum and boolean columns are categorical. <see cref="Numeric"/> and <see cref="Categorical"/>
/// override that where the type allows it (integer codes as categories); nested columns (lists,
/// structs, maps), timestamps, dates, times and binary columns are refused with an error naming the
/// column and its type unless they are left out (<see cref="Ignore"/>, or not named in <see cref="Columns"/>).
/// </remarks>
public sealed class ParquetProfileOptions
{
    /// <summary>The default number of rows read from a column chunk at a time.</summary>
    internal const int DefaultBatchRows = 1 << 16;

    /// <summary>Gets the only columns to profile (with those named in <see cref="Numeric"/>, <see cref="Categorical"/> and <see cref="Prediction"/>); empty for every column not ignored.</summary>
    /// <value>The default value is empty: every column.</value>
    public IReadOnlyCollection<string> Columns { get; init; } = [];

    /// <summary>Gets the columns profiled as numbers (they must have a numeric Parquet type).</summary>
    /// <value>The default value is empty: kinds follow the Parquet types.</value>
    public IReadOnlyCollection<string> Numeric { get; init; } = [];

    /// <summary>Gets the columns counted as categories: string, enum and boolean columns are anyway; integer columns (codes such as ZIP codes) by their decimal text.</summary>
    /// <value>The default value is empty: kinds follow the Parquet types.</value>
    public IReadOnlyCollection<string> Categorical { get; init; } = [];

    /// <summary>Gets the columns not profiled, e.g. an id, a timestamp or a nested column.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyCollection<string> Ignore { get; init; } = [];

    /// <summary>Gets the column that holds the model's prediction.</summary>
    /// <value>The default value is null: a column named <c>prediction</c> is the prediction.</value>
    public string? Prediction { get; init; }

    /// <summary>
    /// Gets a profile whose columns decide what is read: the file must have each of them, with a type
    /// that fits its kind, and its other columns are ignored (the column options are then not used).
    /// Used to profile a current data set with a reference's columns.
    /// </summary>
    /// <value>The default value is null: the columns come from the file and the options above.</value>
    public Profile? ColumnsFrom { get; init; }

    /// <summary>
    /// Gets the columns whose values name segments profiled besides the whole file
    /// (<see cref="Profile.Segments"/>), as <see cref="ProfileBuilder.SegmentBy"/> does: a string, enum,
    /// integer or boolean column's value (integers by their decimal text, booleans <c>true</c> and
    /// <c>false</c>); several columns' values joined by <see cref="SegmentNames.Separator"/>
    /// (<c>US|mobile</c>), as a segmented model names its segments. The first
    /// <see cref="MaxSegments"/> names to appear are segments; rows of later names, and rows with a null
    /// or empty segment value, are in <see cref="SegmentNames.Other"/>. A segment column is profiled as
    /// categorical; a floating-point or decimal column, an ignored one, one declared numeric and the
    /// prediction are refused.
    /// </summary>
    /// <value>The default value is empty: no segments.</value>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public IReadOnlyList<string> SegmentBy { get; init; } = [];

    /// <summary>Gets how many segments are profiled at most with <see cref="SegmentBy"/>, besides <see cref="SegmentNames.Other"/> (1 to 10,000).</summary>
    /// <value>The default value is 100 (<see cref="SegmentOptions.DefaultMaxSegments"/>).</value>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public int MaxSegments { get; init; } = SegmentOptions.DefaultMaxSegments;

    /// <summary>Gets the accuracy parameter K of numeric columns' quantile sketches (a column holds every value, for exact KS and Wasserstein, up to K values).</summary>
    /// <value>The default value is <see cref="QuantileSketch.DefaultK"/>.</value>
    public int SketchK { get; init; } = QuantileSketch.DefaultK;

    /// <summary>Gets the most columns a file may have.</summary>
    /// <value>The default value is 10,000 (about 25 KB of memory per numeric column while reading).</value>
    public int MaxColumns { get; init; } = 10_000;

    /// <summary>Gets the most threads that read and profile column chunks at once.</summary>
    /// <value>The default value is <see cref="Environment.ProcessorCount"/>.</value>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Gets a receiver of progress: the fraction (0 to 1) of the file's column chunks profiled, reported
    /// after each chunk, one report at a time, from the threads that read.
    /// </summary>
    /// <value>The default value is null.</value>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Gets the rows read from a column chunk at a time (tests use small batches).</summary>
    internal int BatchRows { get; init; } = DefaultBatchRows;
}

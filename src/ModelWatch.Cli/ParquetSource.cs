using ModelWatch.Cli.Csv;
using ModelWatch.Parquet;
using ModelWatch.Profiles;

namespace ModelWatch.Cli;

/// <summary>Parquet input: the column options of the command line handed to <see cref="ParquetProfiler"/>, its errors turned into <see cref="CliException"/>s.</summary>
internal static class ParquetSource
{
    /// <summary>The file name ending that selects the Parquet reader.</summary>
    public const string Extension = ".parquet";

    /// <summary>Whether a path names a Parquet file.</summary>
    public static bool IsParquet(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>Profiles a Parquet file with the command line's column options (or a reference's columns).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The column options; <see cref="CsvReadOptions.Schema"/> names the reference's columns when there is one.</param>
    /// <param name="reference">The profile whose columns decide what is read, or null.</param>
    /// <param name="progress">Progress on standard error, or null.</param>
    public static Profile Profile(string path, CsvReadOptions options, Profile? reference, ProgressReporter? progress)
    {
        var parquet = new ParquetProfileOptions
        {
            Columns = options.Columns,
            Numeric = options.Numeric,
            Categorical = options.Categorical,
            Ignore = options.Ignore,
            Prediction = options.Prediction,
            ColumnsFrom = reference,
            SketchK = options.SketchK,
            MaxColumns = options.MaxColumns,
            SegmentBy = options.SegmentBy,
            MaxSegments = options.MaxSegments,
            Progress = progress is null ? null : new Progress(progress),
        };
        try
        {
            return ParquetProfiler.ProfileFile(path, parquet);
        }
        catch (ParquetProfileException ex)
        {
            throw new CliException(ex.Message, ex);
        }
        finally
        {
            progress?.Done();
        }
    }

    /// <summary>Hands the reader's progress (reported one at a time) to the terminal's progress line.</summary>
    private sealed class Progress(ProgressReporter reporter) : IProgress<double>
    {
        public void Report(double value) => reporter.Tick(value);
    }
}

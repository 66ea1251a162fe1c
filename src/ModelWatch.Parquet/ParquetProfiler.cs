using System.Globalization;
using ModelWatch.Parquet.Reading;
using ModelWatch.Profiles;
using ParquetSharp;

namespace ModelWatch.Parquet;

/// <summary>
/// Profiles a Parquet file into a <see cref="Profile"/> (kind <see cref="ProfileKind.Dataset"/>): per
/// numeric column moments and a quantile sketch, per categorical column bounded category counts, the
/// statistics a <see cref="ProfileBuilder"/> builds from the same rows in the same order.
/// </summary>
/// <remarks>
/// <para>
/// <b>Types.</b> DOUBLE, FLOAT (widened exactly), signed and unsigned integers, and DECIMAL stored as
/// INT32 or INT64 (unscaled / 10^scale, the double nearest the decimal value for scales up to 22) are
/// numeric; STRING and ENUM (UTF-8) and BOOLEAN (<c>true</c>, <c>false</c>) are categorical. A null
/// is a missing value: NaN in a numeric column, an empty value in a categorical one (an empty string
/// counts as missing too, as an empty CSV cell does). Nested columns (lists, structs, maps),
/// timestamps, dates, times, INT96, binary, JSON, UUID and decimals stored as bytes are refused with
/// a <see cref="ParquetProfileException"/> naming the column and its type, unless the options leave
/// them out.
/// </para>
/// <para>
/// <b>Parallel, in order.</b> Up to <see cref="ParquetProfileOptions.MaxDegreeOfParallelism"/> threads
/// read column chunks at once: each takes a column no other thread holds and reads its next row
/// group, so several row groups and columns are decoded (Apache Arrow's native Parquet reader, through
/// ParquetSharp) and profiled together, while each column is fed its rows in file order. The profile
/// is therefore the same on any number of threads, and equal to the profile of the same rows read
/// from a CSV file. A file of one column uses one thread.
/// </para>
/// <para>
/// <b>Memory.</b> Pages are read through a buffered stream of <see cref="StreamBufferBytes"/> per open
/// column reader, and each thread reuses one batch of scratch arrays of
/// <see cref="ParquetProfileOptions"/> rows, so memory is bounded by the threads, the columns'
/// statistics (about 25 KB per numeric column) and the largest page or dictionary — not by the file's
/// or a row group's size.
/// </para>
/// </remarks>
public static class ParquetProfiler
{
    /// <summary>The bytes each open column reader buffers from the file.</summary>
    public const int StreamBufferBytes = 1 << 20;

    /// <summary>Profiles a Parquet file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Which columns to profile and how; null for every column, kinds from the Parquet types.</param>
    /// <param name="cancellationToken">Stops the reading threads between batches.</param>
    /// <returns>The profile; <see cref="Profile.Rows"/> is the file's row count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    /// <exception cref="ParquetProfileException">The file is missing, unreadable, not Parquet or damaged; it has more columns than <see cref="ParquetProfileOptions.MaxColumns"/>; a column to profile has a type that cannot be profiled (as asked); or an option names a column the file lacks.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static Profile ProfileFile(string path, ParquetProfileOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new ParquetProfileOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxColumns, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchRows, 1, nameof(options));
        if (!File.Exists(path))
        {
            throw new ParquetProfileException(Directory.Exists(path) ? $"{path}: is a folder, not a Parquet file." : $"{path}: no such file.");
        }

        using var properties = ReaderProperties.GetDefaultReaderProperties();
        properties.EnableBufferedStream();
        properties.BufferSize = StreamBufferBytes;
        ParquetFileReader file;
        try
        {
            file = new ParquetFileReader(path, properties);
        }
        catch (ParquetException ex)
        {
            throw new ParquetProfileException($"{path}: not a Parquet file, or damaged ({FirstLine(ex.Message)})", ex);
        }

        using (file)
        {
            return Read(file, path, options, cancellationToken);
        }
    }

    private static Profile Read(ParquetFileReader file, string path, ParquetProfileOptions options, CancellationToken cancellationToken)
    {
        FileColumn[] columns;
        long[] rowGroupRows;
        try
        {
            var metadata = file.FileMetaData;
            if (metadata.NumColumns > options.MaxColumns)
            {
                throw new ParquetProfileException(string.Create(CultureInfo.InvariantCulture, $"{path}: {metadata.NumColumns:N0} columns, more than the {options.MaxColumns:N0} allowed (--max-columns)."));
            }

            columns = ColumnPlan.ColumnsOf(metadata.Schema);
            rowGroupRows = new long[metadata.NumRowGroups];
            for (int g = 0; g < rowGroupRows.Length; g++)
            {
                using var rowGroup = file.RowGroup(g);
                rowGroupRows[g] = rowGroup.MetaData.NumRows;
            }
        }
        catch (ParquetException ex)
        {
            throw new ParquetProfileException($"{path}: damaged metadata ({FirstLine(ex.Message)})", ex);
        }

        var plan = ColumnPlan.Create(columns, options, path);
        var profilers = plan.Select(c => new ColumnProfiler(c, options.SketchK)).ToArray();
        try
        {
            new ChunkScheduler(file, profilers, rowGroupRows, options.Progress).Run(options.MaxDegreeOfParallelism, options.BatchRows, cancellationToken);
        }
        catch (ChunkException ex)
        {
            throw new ParquetProfileException($"{path}: cannot be read: {FirstLine(ex.Message)}", ex.InnerException!);
        }

        return new Profile(ProfileKind.Dataset, profilers.Select(p => p.Profile)) { Rows = rowGroupRows.Sum() };
    }

    // Arrow's messages can carry a C++ stack of context lines; the first says what went wrong.
    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

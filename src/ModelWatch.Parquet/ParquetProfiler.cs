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
/// <b>Segments.</b> With <see cref="ParquetProfileOptions.SegmentBy"/> the profile carries a profile
/// per segment too (<see cref="Profile.Segments"/>), the one <see cref="ProfileBuilder.SegmentBy"/>
/// and the CSV reader build from the same rows. A first pass reads only the segment columns, in file
/// order, and decides the segments (the first <see cref="ParquetProfileOptions.MaxSegments"/> names
/// to appear); then each thread reading a column chunk reads the same row group's segment columns in
/// step with it, batch by batch, and adds every row to its segment as well as to the whole file. The
/// segment columns are therefore decoded once more per profiled column, and memory grows by the
/// segments' statistics (segments × columns), not by the rows.
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
    /// <exception cref="ParquetProfileException">The file is missing, unreadable, not Parquet or damaged; it has more columns than <see cref="ParquetProfileOptions.MaxColumns"/>; a column to profile has a type that cannot be profiled (as asked); an option names a column the file lacks; or a segment column cannot name segments (a floating-point or decimal column, one ignored, declared numeric or the prediction).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static Profile ProfileFile(string path, ParquetProfileOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new ParquetProfileOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxColumns, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchRows, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSegments, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxSegments, 10_000, nameof(options));
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

        var segmentColumns = ColumnPlan.SegmentColumns(columns, options, path);
        var plan = ColumnPlan.Create(columns, options, path);
        var segments = segmentColumns.Length == 0 ? null : IndexSegments(file, path, segmentColumns, rowGroupRows, plan.Length, options, cancellationToken);
        var profilers = plan.Select(c => new ColumnProfiler(c, options.SketchK, segments)).ToArray();
        try
        {
            long before = segments is null ? 0 : rowGroupRows.Length;
            new ChunkScheduler(file, profilers, rowGroupRows, segments, options.Progress, before).Run(options.MaxDegreeOfParallelism, options.BatchRows, cancellationToken);
        }
        catch (ChunkException ex)
        {
            throw new ParquetProfileException($"{path}: cannot be read: {FirstLine(ex.Message)}", ex.InnerException!);
        }

        var profile = new Profile(ProfileKind.Dataset, profilers.Select(p => p.Profile)) { Rows = rowGroupRows.Sum() };
        if (segments is not null)
        {
            // Slot order (first to appear, then "(other)"), as the CSV reader and ProfileBuilder.SegmentBy add them.
            for (int slot = 0; slot < segments.SlotCount; slot++)
            {
                if (segments.NameOf(slot) is { } name)
                {
                    profile.SetSegment(name, new Profile(ProfileKind.Dataset, profilers.Select(p => p.SegmentProfiles![slot]!)) { Rows = segments.RowsOf(slot) });
                }
            }
        }

        return profile;
    }

    /// <summary>The first pass: the segment columns in file order decide the segments (progress: one step per row group).</summary>
    private static SegmentIndex IndexSegments(ParquetFileReader file, string path, FileColumn[] columns, long[] rowGroupRows, int profiledColumns, ParquetProfileOptions options, CancellationToken cancellationToken)
    {
        long steps = (long)rowGroupRows.Length * (1 + profiledColumns);
        try
        {
            return SegmentIndex.Build(file, columns, rowGroupRows, options.MaxSegments, options.BatchRows, g => options.Progress?.Report((double)(g + 1) / steps), cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or ParquetException)
        {
            throw new ParquetProfileException($"{path}: cannot be read: segment column {string.Join(", ", columns.Select(c => $"'{c.Name}'"))}: {FirstLine(ex.Message)}", ex);
        }
    }

    // Arrow's messages can carry a C++ stack of context lines; the first says what went wrong.
    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

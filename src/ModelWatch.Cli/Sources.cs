using System.Globalization;
using System.Text;
using ModelWatch.Cli.Csv;
using ModelWatch.Profiles;

namespace ModelWatch.Cli;

/// <summary>Reading inputs (profiles, CSV and Parquet files) and writing outputs, with errors turned into <see cref="CliException"/>s.</summary>
internal static class Sources
{
    /// <summary>Whether a path names a profile file (<c>.mwp</c>) rather than a CSV file.</summary>
    public static bool IsProfile(string path) => path.EndsWith(ProfileFile.Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads a profile file.</summary>
    public static Profile LoadProfile(string path)
    {
        try
        {
            return ProfileFile.Load(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"{path}: no such file.", ex);
        }
        catch (ProfileFormatException ex)
        {
            throw new CliException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot be read ({ex.Message})", ex);
        }
    }

    /// <summary>Saves a profile file atomically, unless it would be larger than a profile file can be read (<paramref name="maxBytes"/>).</summary>
    public static void SaveProfile(Profile profile, string path, long maxBytes = ProfileFile.MaxFileBytes)
    {
        // A profile too large to read back is refused before anything is written: it would be lost work that looks saved.
        using (var counter = new ByteCounter())
        {
            ProfileFile.Write(profile, counter);
            if (counter.Count > maxBytes)
            {
                throw new CliException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}: not written: the profile would be {counter.Count:N0} bytes, more than a profile file can be read back ({maxBytes:N0}). Profile fewer columns (--ignore)."));
            }
        }

        try
        {
            ProfileFile.Save(profile, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException($"{path}: cannot be written ({ex.Message})", ex);
        }
    }

    /// <summary>
    /// Profiles a data file — Parquet when its name ends in <c>.parquet</c>, CSV otherwise — with the
    /// command line's column options, or with the columns of <paramref name="columnsFrom"/> when given.
    /// </summary>
    public static Profile ProfileData(string path, CsvReadOptions options, Profile? columnsFrom, CliContext context, bool quiet)
    {
        if (!ParquetSource.IsParquet(path))
        {
            return ProfileCsv(path, columnsFrom is null ? options : options with { Schema = SchemaOf(columnsFrom) }, context, quiet);
        }

        var progress = quiet ? null : new ProgressReporter(context.Stderr, path, context.Interactive, context.Time);
        var profile = ParquetSource.Profile(path, options, columnsFrom, progress);
        if (!quiet && columnsFrom is null)
        {
            NoteIdentifiers(profile, path, context);
        }

        profile.CreatedAt = context.Time.GetUtcNow();
        return profile;
    }

    /// <summary>Profiles a CSV file, reporting progress and skipped rows on standard error.</summary>
    public static Profile ProfileCsv(string path, CsvReadOptions options, CliContext context, bool quiet)
    {
        using var input = CsvInput.Open(path);
        var progress = quiet ? null : new ProgressReporter(context.Stderr, input.Name, context.Interactive, context.Time);
        CsvProfileResult result;
        try
        {
            result = CsvProfiler.Read(input, options, progress);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or DecoderFallbackException)
        {
            throw new CliException($"{input.Name}: cannot be read ({ex.Message})", ex);
        }

        if (result.BadRowCount > 0)
        {
            // One line each: the terminal writer keeps a written string on one line.
            context.Note(string.Create(CultureInfo.InvariantCulture, $"{input.Name}: skipped {result.BadRowCount:N0} malformed row{(result.BadRowCount == 1 ? string.Empty : "s")}"));
            foreach (var bad in result.FirstBadRows)
            {
                context.Stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  line {bad.Line}: {bad.Reason}"));
            }

            if (result.BadRowCount > result.FirstBadRows.Count)
            {
                context.Stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {result.BadRowCount - result.FirstBadRows.Count:N0} more"));
            }
        }

        if (!quiet && result.InferredKinds.Count > 0)
        {
            context.Note($"{input.Name}: column kinds inferred from the first rows: {string.Join(", ", result.InferredKinds)}");
        }

        if (!quiet && options.Schema is null)
        {
            NoteIdentifiers(result.Profile, input.Name, context);
        }

        result.Profile.CreatedAt = context.Time.GetUtcNow();
        return result.Profile;
    }

    private static void NoteIdentifiers(Profile profile, string source, CliContext context)
    {
        // A text column with a new value in almost every row (an id, a date, a free-text field)
        // says nothing about drift and fills its counter; suggest leaving it out.
        foreach (var column in profile.Features.Where(LooksLikeAnIdentifier))
        {
            context.Note($"note: {source}: column '{column.Name}' has a different value in almost every row (an id or a date?); --ignore {column.Name} leaves it out.");
        }
    }

    private static bool LooksLikeAnIdentifier(FeatureProfile column) =>
        column.Categories is { Count: >= 100 } counts && (!counts.IsExact || counts.DistinctCount >= 0.9 * counts.Count);

    /// <summary>
    /// The HTML report's default title, from its inputs' file names: <c>Drift report: today.csv against reference.mwp</c>
    /// (standard input is "standard input"); folders are left out, the page is about the data, not where it lay.
    /// </summary>
    public static string ReportTitle(string reference, string current) =>
        $"Drift report: {DisplayName(current)} against {DisplayName(reference)}";

    private static string DisplayName(string path) =>
        CsvInput.IsStandardInput(path) ? "standard input" : Path.GetFileName(path.TrimEnd('/', '\\')) is { Length: > 0 } name ? name : path;

    /// <summary>The columns of a profile, as the schema a CSV file is read with.</summary>
    public static IReadOnlyList<SchemaColumn> SchemaOf(Profile profile) =>
        [.. profile.Features.Select(f => new SchemaColumn(f.Name, f.Kind, f.IsPrediction))];

    /// <summary>Writes text to a file (UTF-8, no byte-order mark), or to standard output when <paramref name="path"/> is null.</summary>
    public static void WriteText(CliContext context, string? path, Action<TextWriter> write)
    {
        if (path is null)
        {
            write(context.Stdout);
            context.Stdout.Flush();
            return;
        }

        try
        {
            string full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using var writer = new StreamWriter(full, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            write(writer);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException($"{path}: cannot be written ({ex.Message})", ex);
        }
    }
}

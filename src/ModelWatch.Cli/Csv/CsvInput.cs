using System.Text;

namespace ModelWatch.Cli.Csv;

/// <summary>
/// A CSV source: a file (gzip-compressed when its name ends in <c>.gz</c>, checked against its trailer) or standard input
/// (<c>-</c>), decoded as UTF-8 (a byte-order mark selects UTF-16 or UTF-32 instead).
/// </summary>
internal sealed class CsvInput : IDisposable
{
    private const int BufferBytes = 1 << 20;
    private readonly FileStream? _file;

    private CsvInput(string name, Stream stream, FileStream? file)
    {
        Name = name;
        _file = file;
        Reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferBytes, leaveOpen: false);
    }

    /// <summary>Gets how messages name the source.</summary>
    public string Name { get; }

    /// <summary>Gets the decoded text.</summary>
    public TextReader Reader { get; }

    /// <summary>Gets the fraction of the file read so far (compressed bytes for .gz), or null for standard input.</summary>
    public double? Progress => _file is { Length: > 0 } f ? Math.Min(1.0, (double)f.Position / f.Length) : null;

    /// <summary>Gets a value indicating whether the path names standard input.</summary>
    public static bool IsStandardInput(string path) => path == "-";

    /// <summary>Opens a file, or standard input for "-".</summary>
    /// <exception cref="CliException">The file does not exist or cannot be read.</exception>
    public static CsvInput Open(string path)
    {
        if (IsStandardInput(path))
        {
            return new CsvInput("standard input", Console.OpenStandardInput(BufferBytes), null);
        }

        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"{path}: no such file.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException($"{path}: cannot be read ({ex.Message})", ex);
        }

        Stream stream;
        try
        {
            stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new CheckedGzipStream(file, path) : file;
        }
        catch (IOException ex)
        {
            file.Dispose();
            throw new CliException($"{path}: cannot be read ({ex.Message})", ex);
        }

        return new CsvInput(path, stream, file);
    }

    public void Dispose()
    {
        Reader.Dispose();
        _file?.Dispose();
    }
}

using System.Text;
using ModelWatch.Profiles;

namespace ModelWatch.Persistence;

/// <summary>
/// An <see cref="IProfileStore"/> in a folder: <c>{root}/{model}/{version}/{replica}/{kind}/{name}</c>
/// (each segment of the entry a folder), each written atomically (temporary file, flush to disk,
/// rename, flush of the folder).
/// </summary>
/// <remarks>
/// Names and versions are encoded before they become path segments: anything but ASCII letters,
/// digits, '-' and '_' (and '.' after the first character) becomes <c>%XX</c> per UTF-8 byte, and
/// Windows device names (CON, NUL, COM1 …) get their first letter encoded, so <c>../../x</c>, an
/// absolute path or a reserved name stays a plain folder name inside the root. Every resolved path
/// is checked to lie under the root as well.
/// </remarks>
public sealed class FileProfileStore : IProfileStore
{
    private static readonly HashSet<string> DeviceNames = new(
        ["CON", "PRN", "AUX", "NUL", .. Enumerable.Range(0, 10).SelectMany(i => new[] { $"COM{i}", $"LPT{i}" })],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>A file or folder name's longest length in bytes: NAME_MAX on Linux and macOS, 255 UTF-16 units on NTFS (the encoded names are ASCII).</summary>
    private const int MaxNameBytes = 255;

    /// <summary>A path's longest length in bytes: PATH_MAX less its terminating NUL on Linux (4,096) and macOS (1,024); Windows takes long paths.</summary>
    private static readonly int MaxPathBytes = OperatingSystem.IsWindows() ? 32_767 : OperatingSystem.IsMacOS() ? 1_023 : 4_095;

    private readonly string _root;

    /// <summary>Initializes a new instance of the <see cref="FileProfileStore"/> class.</summary>
    /// <param name="root">The folder (created when first written to); any spelling of it — relative, with a trailing separator, <c>.</c> or <c>..</c> segments — is the same store.</param>
    public FileProfileStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = FolderPaths.Normalize(root);
    }

    /// <summary>Gets the store's folder: a full path without a trailing separator.</summary>
    public string Root => _root;

    /// <inheritdoc/>
    public async Task WriteAsync(string modelName, string modelVersion, string entry, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        string path = PathOf(modelName, modelVersion, entry);
        await AtomicFile.WriteAsync(path, write, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<Stream?> OpenReadAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken)
    {
        string path = PathOf(modelName, modelVersion, entry);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Files being written (the temporary files of an atomic write) are not listed.</remarks>
    public Task<IReadOnlyList<string>> ListAsync(string modelName, string modelVersion, CancellationToken cancellationToken)
    {
        string folder = Path.GetDirectoryName(PathOf(modelName, modelVersion, "entry"))!;
        if (!Directory.Exists(folder))
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        // Entry segments are stored as themselves (their characters need no encoding); anything else
        // in the folder — an atomic write's temporary file, a file put there by hand — is not an entry.
        // The depth bound guards against a loop of symbolic links; the layout's entries are three deep.
        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 8, AttributesToSkip = 0 });
        IReadOnlyList<string> names = [.. files
            .Select(file => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, StoreLayout.Separator))
            .Where(entry => !entry.EndsWith(".tmp", StringComparison.Ordinal) && entry.Split(StoreLayout.Separator).All(s => Segment(s) == s))];
        return Task.FromResult(names);
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(modelName, modelVersion, entry));
        }
        catch (DirectoryNotFoundException)
        {
            // Its folders were never made: the entry does not exist, which is what deleting asks for.
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public string Describe(string modelName, string modelVersion, string entry) => PathOf(modelName, modelVersion, entry);

    /// <inheritdoc/>
    /// <remarks>
    /// Every folder and file name, once encoded, at most 255 bytes (the limit of the common Linux,
    /// macOS and Windows file systems), the temporary file of an atomic write included; the whole path
    /// at most 4,095 bytes on Linux and 1,023 on macOS (their PATH_MAX; Windows allows 32,767 characters).
    /// </remarks>
    public string? CheckLimits(string modelName, string modelVersion, string entry)
    {
        string[] segments = [Segment(modelName), Segment(modelVersion), .. entry.Split(StoreLayout.Separator).Select(Segment)];
        segments[^1] = AtomicFile.TemporaryName(segments[^1]);
        if (segments[0].Length > MaxNameBytes)
        {
            return TooLong("model name", modelName, segments[0]);
        }

        if (segments[1].Length > MaxNameBytes)
        {
            return TooLong("version", modelVersion, segments[1]);
        }

        if (segments.FirstOrDefault(s => s.Length > MaxNameBytes) is { } name)
        {
            return $"the file name '{name}' is {name.Length} bytes; a file system allows at most {MaxNameBytes}.";
        }

        int pathBytes = Encoding.UTF8.GetByteCount(Path.Combine([_root, .. segments]));
        return pathBytes > MaxPathBytes
            ? $"its files' paths in the store's folder '{_root}' are up to {pathBytes:N0} bytes long; this file system allows at most {MaxPathBytes:N0} (shorten the folder, the model name or the version)."
            : null;
    }

    private static string TooLong(string what, string name, string segment) =>
        $"the {what} is {segment.Length} bytes as a folder name ({name.Length} characters; each UTF-8 byte of a character other than an ASCII letter, digit, '-', '_' or '.' takes 3, as %XX); the file store allows at most {MaxNameBytes}.";

    /// <summary>The file of an entry: always under <see cref="Root"/>, one folder per segment of the entry.</summary>
    /// <exception cref="ArgumentException">A name or a segment of the entry is empty.</exception>
    internal string PathOf(string modelName, string modelVersion, string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string[] segments = [_root, Segment(modelName), Segment(modelVersion), .. entry.Split(StoreLayout.Separator).Select(Segment)];
        string path = FolderPaths.Normalize(Path.Combine(segments));
        if (!FolderPaths.IsInside(_root, path))
        {
            throw new ArgumentException($"'{modelName}/{modelVersion}/{entry}' resolves outside the store's folder.", nameof(modelName));
        }

        return path;
    }

    /// <summary>Encodes a name into one safe path segment.</summary>
    internal static string Segment(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var text = new StringBuilder(name.Length);
        byte[] bytes = Encoding.UTF8.GetBytes(name);
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            bool plain = b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_'
                || (b == (byte)'.' && i > 0);
            if (plain)
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        string segment = text.ToString();
        string stem = segment.Split('.')[0];
        if (DeviceNames.Contains(stem))
        {
            segment = $"%{(byte)segment[0]:X2}{segment[1..]}";
        }

        return segment;
    }
}

using System.Runtime.InteropServices;

namespace ModelWatch.Profiles;

/// <summary>
/// Replaces a file atomically and durably: the content goes to a temporary file in the same folder,
/// is flushed to the disk, and is renamed over the target; then the folder is flushed, so the rename
/// itself survives a power loss. A crash or power loss leaves the old file or the new one.
/// </summary>
/// <remarks>
/// A rename changes the folder, not the file: until the folder is flushed (POSIX <c>fsync</c> on the
/// folder) a power loss can bring the old entry back, or, for a new one, lose it. Folders the write
/// created are made durable the same way, by flushing the folder that holds each. Windows has no flush
/// for a folder (NTFS journals the rename), so there only the file is flushed.
/// </remarks>
internal static class AtomicFile
{
    /// <summary>Observes, on the current async flow, each folder flushed after a rename (for tests).</summary>
    internal static readonly AsyncLocal<Action<string>?> FolderFlushed = new();

    private const int IoError = 5; // EIO, the same on Linux and macOS

    /// <summary>O_RDONLY (0) | O_CLOEXEC, so a process started meanwhile does not inherit the descriptor.</summary>
    private static readonly int OpenFlags = OperatingSystem.IsMacOS() ? 0x1000000 : OperatingSystem.IsLinux() ? 0x80000 : 0;

    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        var created = CreateFolder(folder);
        string temporary = Path.Combine(folder, TemporaryName(Path.GetFileName(full)));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        FlushFolders(folder, created);
    }

    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        var created = CreateFolder(folder);
        string temporary = Path.Combine(folder, TemporaryName(Path.GetFileName(full)));
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        FlushFolders(folder, created);
    }

    /// <summary>The name of the temporary file a write of <paramref name="fileName"/> goes to first (always as long: the limits of a store count it).</summary>
    public static string TemporaryName(string fileName) => $".{fileName}.{Guid.NewGuid():N}.tmp";

    /// <summary>Creates <paramref name="folder"/> and its missing parents; returns those it created, innermost first.</summary>
    private static List<string> CreateFolder(string folder)
    {
        var missing = new List<string>();
        for (string? f = folder; f is not null && !Directory.Exists(f); f = Path.GetDirectoryName(f))
        {
            missing.Add(f);
        }

        Directory.CreateDirectory(folder);
        return missing;
    }

    /// <summary>Flushes the folder of the renamed file, then the folder holding each folder the write created.</summary>
    private static void FlushFolders(string folder, List<string> created)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Flush(folder);
        foreach (string f in created)
        {
            if (Path.GetDirectoryName(f) is { } parent)
            {
                Flush(parent);
            }
        }
    }

    /// <summary>
    /// <c>fsync</c> on a folder. A folder that cannot be opened, or a file system that cannot flush
    /// folders (EINVAL and the like), is left as it is: the content is in place, only its durability
    /// across a power loss is the file system's. A failing device (EIO) is an error.
    /// </summary>
    private static void Flush(string folder)
    {
        nint name = Marshal.StringToCoTaskMemUTF8(folder);
        int descriptor;
        try
        {
            descriptor = Open(name, OpenFlags);
        }
        finally
        {
            Marshal.FreeCoTaskMem(name);
        }

        if (descriptor < 0)
        {
            return;
        }

        int result = Sync(descriptor);
        int error = result < 0 ? Marshal.GetLastPInvokeError() : 0;
        _ = Close(descriptor);
        if (error == IoError)
        {
            throw new IOException($"Flushing the folder '{folder}' to disk failed (EIO): the last write may not survive a power loss.");
        }

        if (result == 0)
        {
            FolderFlushed.Value?.Invoke(folder);
        }
    }

    // Blittable signatures only (the path goes as a pointer to UTF-8 bytes): no marshalling code, no unsafe code.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(nint path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Sync(int descriptor);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int descriptor);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is harmless and is never read as a profile.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

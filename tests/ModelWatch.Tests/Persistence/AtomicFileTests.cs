using ModelWatch.Profiles;

namespace ModelWatch.Tests.Persistence;

/// <summary>
/// An atomic write is durable only once the rename is: after renaming the temporary file over the
/// target, the folder holding it is flushed to disk (and, for folders the write created, their parents).
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-atomic-" + Guid.NewGuid().ToString("N"));

    public AtomicFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Writes through <see cref="AtomicFile"/> and records each folder flushed, with the target's content at that moment.</summary>
    private static async Task<List<(string Folder, string? Content)>> WriteAsync(string target, string content, bool async)
    {
        var flushed = new List<(string, string?)>();
        AtomicFile.FolderFlushed.Value = folder => flushed.Add((folder, File.Exists(target) ? File.ReadAllText(target) : null));
        try
        {
            if (async)
            {
                await AtomicFile.WriteAsync(target, (s, ct) => s.WriteAsync(System.Text.Encoding.UTF8.GetBytes(content), ct).AsTask(), CancellationToken.None);
            }
            else
            {
                AtomicFile.Write(target, s => s.Write(System.Text.Encoding.UTF8.GetBytes(content)));
            }
        }
        finally
        {
            AtomicFile.FolderFlushed.Value = null;
        }

        return flushed;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Write_FlushesTheFolderAfterTheRename(bool async)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // NTFS journals the rename; Windows has no flush for a folder
        }

        string target = Path.Combine(_folder, "entry.json");
        await File.WriteAllTextAsync(target, "old");

        var flushed = await WriteAsync(target, "new", async);

        // Flushed once, after the rename had put the new content in place.
        Assert.Equal([(_folder, "new")], flushed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Write_IntoNewFolders_AlsoFlushesTheFoldersThatNowHoldThem(bool async)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string target = Path.Combine(_folder, "m", "1", "pod-1", "entry.json");

        var flushed = await WriteAsync(target, "first", async);

        string[] expected = [Path.Combine(_folder, "m", "1", "pod-1"), Path.Combine(_folder, "m", "1"), Path.Combine(_folder, "m"), _folder];
        Assert.Equal(expected, flushed.Select(f => f.Folder).ToArray());
        Assert.All(flushed, f => Assert.Equal("first", f.Content));
    }
}

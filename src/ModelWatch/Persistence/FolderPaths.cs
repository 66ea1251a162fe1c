namespace ModelWatch.Persistence;

/// <summary>
/// The one way a store's paths are compared: each is normalised once — made full, its <c>.</c> and
/// <c>..</c> segments and repeated separators resolved, its trailing separator removed — before it
/// is checked to lie inside a folder, so <c>/data/store/</c>, <c>/data/store/.</c> and
/// <c>/data/x/../store</c> are one folder.
/// </summary>
/// <remarks>
/// Symbolic links are kept, not resolved: a folder reached through a link is checked against the
/// link's path, which is what its entries' paths are built from.
/// </remarks>
internal static class FolderPaths
{
    /// <summary>The normal form of a path (a file-system root keeps its separator: <c>/</c>, <c>C:\</c>).</summary>
    public static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>Whether <paramref name="path"/> lies strictly inside <paramref name="folder"/>; both in <see cref="Normalize"/>d form.</summary>
    public static bool IsInside(string folder, string path)
    {
        string prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        return path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal);
    }
}

namespace ModelWatch.Snippets.Tests;

/// <summary>The repository's Markdown files whose ```csharp blocks are checked.</summary>
public static class RepositoryFiles
{
    /// <summary>Gets the repository root: the nearest folder above the test's output holding ModelWatch.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>README.md and docs/*.md, repository-relative with forward slashes.</summary>
    public static IReadOnlyList<string> MarkdownFiles { get; } =
    [
        "README.md",
        .. Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)).Order(StringComparer.Ordinal),
    ];

    /// <summary>Every ```csharp block of <see cref="MarkdownFiles"/>.</summary>
    public static IReadOnlyList<MarkdownSnippet> Snippets { get; } =
        [.. MarkdownFiles.SelectMany(f => MarkdownSnippet.Parse(f, Read(f)))];

    /// <summary>Reads a repository file.</summary>
    /// <param name="relativePath">The path from the root, with forward slashes.</param>
    /// <returns>Its text.</returns>
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModelWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ModelWatch.sln above {AppContext.BaseDirectory}.");
    }
}

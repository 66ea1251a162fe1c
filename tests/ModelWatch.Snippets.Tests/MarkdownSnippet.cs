using System.Text.RegularExpressions;

namespace ModelWatch.Snippets.Tests;

/// <summary>How a ```csharp block is checked, from the <c>&lt;!-- snippet: … --&gt;</c> marker on the line before it.</summary>
public enum SnippetKind
{
    /// <summary>No marker: a complete program (top-level statements) or a complete file of types, compiled as pasted.</summary>
    Complete,

    /// <summary><c>&lt;!-- snippet: file PATH --&gt;</c>: a complete program that is also, line for line, the file PATH of the repository.</summary>
    File,

    /// <summary><c>&lt;!-- snippet: partial PRELUDE (why) --&gt;</c>: lines of a program, compiled inside the named <see cref="SnippetPreludes">prelude</see>.</summary>
    Partial,

    /// <summary><c>&lt;!-- snippet: internal (why) --&gt;</c>: shows internal types a user cannot compile against; parsed, not compiled.</summary>
    Internal,
}

/// <summary>One ```csharp block of a Markdown file.</summary>
/// <param name="File">The Markdown file, relative to the repository root, with forward slashes.</param>
/// <param name="Line">The 1-based line of the block's first code line.</param>
/// <param name="Code">The block's text, lines joined with \n.</param>
/// <param name="Kind">How it is checked.</param>
/// <param name="Argument">The file of a <see cref="SnippetKind.File"/> block, the prelude of a <see cref="SnippetKind.Partial"/> one.</param>
/// <param name="MarkerError">Why the marker before the block was not understood, or null.</param>
public sealed partial record MarkdownSnippet(string File, int Line, string Code, SnippetKind Kind, string? Argument, string? MarkerError)
{
    /// <summary>Gets the name tests report: file and line.</summary>
    public string Name => $"{File}:{Line}";

    /// <summary>Every ```csharp block of a Markdown text.</summary>
    /// <param name="file">The file's repository-relative name, for <see cref="File"/>.</param>
    /// <param name="markdown">The file's text.</param>
    /// <returns>The blocks in order.</returns>
    public static IEnumerable<MarkdownSnippet> Parse(string file, string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimEnd().Equals("```csharp", StringComparison.Ordinal))
            {
                continue;
            }

            int first = i + 1;
            int end = first;
            while (end < lines.Length && !lines[end].TrimEnd().Equals("```", StringComparison.Ordinal))
            {
                end++;
            }

            string code = string.Join('\n', lines[first..end]);
            var (kind, argument, error) = ReadMarker(PreviousNonBlank(lines, i));
            yield return new MarkdownSnippet(file, first + 1, code, kind, argument, error);
            i = end;
        }
    }

    private static string? PreviousNonBlank(string[] lines, int index)
    {
        for (int j = index - 1; j >= 0; j--)
        {
            if (!string.IsNullOrWhiteSpace(lines[j]))
            {
                return lines[j].Trim();
            }
        }

        return null;
    }

    private static (SnippetKind Kind, string? Argument, string? Error) ReadMarker(string? line)
    {
        if (line is null || !line.StartsWith("<!--", StringComparison.Ordinal) || !line.Contains("snippet:", StringComparison.Ordinal))
        {
            return (SnippetKind.Complete, null, null);
        }

        var m = MarkerPattern().Match(line);
        if (!m.Success)
        {
            return (SnippetKind.Complete, null, $"unreadable marker '{line}': expected <!-- snippet: file PATH -->, <!-- snippet: partial PRELUDE (why) --> or <!-- snippet: internal (why) -->");
        }

        string? argument = m.Groups["arg"].Success ? m.Groups["arg"].Value : null;
        return m.Groups["kind"].Value switch
        {
            "file" when argument is not null => (SnippetKind.File, argument, null),
            "partial" when argument is not null => (SnippetKind.Partial, argument, null),
            "internal" when argument is null => (SnippetKind.Internal, null, null),
            var kind => (SnippetKind.Complete, null, $"marker '{line}': '{kind}' {(kind == "internal" ? "takes no argument" : "needs an argument")}"),
        };
    }

    [GeneratedRegex(@"^<!--\s*snippet:\s*(?<kind>file|partial|internal)(\s+(?<arg>[^\s()]+))?\s*(\([^)]*\))?\s*-->$")]
    private static partial Regex MarkerPattern();
}

namespace ModelWatch.Snippets.Tests;

/// <summary>Every ```csharp block of README.md and docs/*.md compiles as a user pastes it (see README.md beside this file).</summary>
public sealed class SnippetTests
{
    public static TheoryData<string> AllSnippets() => Names(_ => true);

    [Theory]
    [MemberData(nameof(AllSnippets))]
    public void Snippet_Compiles(string name)
    {
        var snippet = Find(name);
        if (snippet.Kind == SnippetKind.Internal)
        {
            // It shows internal types, which a user's code cannot name: valid C#, not bound.
            var syntax = SnippetCompiler.SyntaxErrors(SnippetCompiler.Source(snippet, prelude: null));
            Assert.True(syntax.Count == 0, $"{name} (marked internal) is not valid C#:\n{string.Join('\n', syntax)}");
            return;
        }

        SnippetPrelude? prelude = null;
        if (snippet.Kind == SnippetKind.Partial)
        {
            prelude = SnippetPrelude.Find(snippet.Argument!);
            Assert.True(prelude is not null, $"{name}: no prelude named '{snippet.Argument}' in SnippetPreludes.cs.");
        }

        var errors = SnippetCompiler.Errors(SnippetCompiler.Source(snippet, prelude));

        Assert.True(errors.Count == 0, $"{name} does not compile{(prelude is null ? "" : $" inside the prelude '{snippet.Argument}'")}:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void FileSnippets_AreTheirFiles()
    {
        var problems = new List<string>();
        foreach (var snippet in RepositoryFiles.Snippets.Where(s => s.Kind == SnippetKind.File))
        {
            string path = snippet.Argument!;
            if (!File.Exists(Path.Combine(RepositoryFiles.Root, path)))
            {
                problems.Add($"{snippet.Name} names {path}, which does not exist.");
                continue;
            }

            string[] expected = Lines(RepositoryFiles.Read(path));
            string[] actual = Lines(snippet.Code);
            int differs = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], -1);
            if (differs >= 0)
            {
                problems.Add($"{snippet.File}:{snippet.Line + differs} differs from {path}:{differs + 1}:\n  markdown: {actual[differs]}\n  file:     {expected[differs]}");
            }
            else if (expected.Length != actual.Length)
            {
                problems.Add($"{snippet.Name} has {actual.Length} lines, {path} {expected.Length}: one ends before the other.");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Markers_AreUnderstood()
    {
        var problems = RepositoryFiles.Snippets
            .Select(s => s.MarkerError is { } e ? $"{s.Name}: {e}"
                : s.Kind == SnippetKind.Partial && SnippetPrelude.Find(s.Argument!) is null ? $"{s.Name}: no prelude named '{s.Argument}'"
                : null)
            .OfType<string>()
            .ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Readme_QuickStart_IsTheQuickStartProgram()
    {
        Assert.Contains(
            RepositoryFiles.Snippets,
            s => s.File == "README.md" && s.Kind == SnippetKind.File && s.Argument == SnippetPrelude.QuickStartFile);
    }

    [Fact]
    public void Errors_NameTheMarkdownFileAndLine()
    {
        var snippet = MarkdownSnippet.Parse("docs/example.md", "Text.\n\n```csharp\nvar x = 1;\nint y = \"two\";\n```\n").Single();

        var errors = SnippetCompiler.Errors(SnippetCompiler.Source(snippet, prelude: null));

        Assert.Contains(errors, e => e.StartsWith("docs/example.md(5,", StringComparison.Ordinal) && e.Contains("error CS0029", StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_InAPartialSnippet_NameTheMarkdownLine()
    {
        var snippet = MarkdownSnippet.Parse("docs/example.md", "<!-- snippet: partial web-builder (why) -->\n```csharp\nusing ModelWatch.Monitoring;\n\nbuilder.Services.AddModelWatch().NoSuchMethod();\n```\n").Single();

        var errors = SnippetCompiler.Errors(SnippetCompiler.Source(snippet, SnippetPrelude.Find(snippet.Argument!)));

        Assert.Equal(SnippetKind.Partial, snippet.Kind);
        Assert.Contains(errors, e => e.StartsWith("docs/example.md(5,", StringComparison.Ordinal) && e.Contains("NoSuchMethod", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_FindsEveryBlock()
    {
        Assert.Contains(RepositoryFiles.MarkdownFiles, f => f == "README.md");
        Assert.True(RepositoryFiles.Snippets.Count(s => s.File == "README.md") >= 3, "README.md should have at least three ```csharp blocks.");
    }

    private static TheoryData<string> Names(Func<MarkdownSnippet, bool> which)
    {
        var data = new TheoryData<string>();
        foreach (var s in RepositoryFiles.Snippets.Where(which))
        {
            data.Add(s.Name);
        }

        return data;
    }

    private static MarkdownSnippet Find(string name) => RepositoryFiles.Snippets.Single(s => s.Name == name);

    private static string[] Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n', ' ').Split('\n').Select(l => l.TrimEnd()).ToArray();
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelWatch.Snippets.Tests;

/// <summary>Compiles snippets as a user's <c>dotnet new web</c> project would: its implicit usings, nullable on, the latest language.</summary>
public static class SnippetCompiler
{
    // The implicit usings of Microsoft.NET.Sdk.Web (a console app's are a subset).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    private static readonly CSharpParseOptions Parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    // The assemblies this test process runs with: the shared frameworks (.NET and ASP.NET Core), ModelWatch,
    // ModelWatch.AspNetCore and the packages the project references for snippets.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
    ]);

    /// <summary>The C# source a snippet is compiled from, with <c>#line</c> directives that map each of its lines back to the Markdown file.</summary>
    /// <param name="snippet">The snippet.</param>
    /// <param name="prelude">The prelude of a partial snippet, else null.</param>
    /// <returns>The source.</returns>
    public static string Source(MarkdownSnippet snippet, SnippetPrelude? prelude)
    {
        if (prelude is null)
        {
            return $"#line {snippet.Line} \"{snippet.File}\"\n{snippet.Code}\n";
        }

        // Using directives must precede statements: the snippet's leading usings go first, then the prelude's.
        string[] lines = snippet.Code.Split('\n');
        int usings = 0;
        while (usings < lines.Length && (lines[usings].StartsWith("using ", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(lines[usings])))
        {
            usings++;
        }

        return $"""
            #line {snippet.Line} "{snippet.File}"
            {string.Join('\n', lines[..usings])}
            #line 1 "prelude {snippet.Argument} (usings and statements)"
            {prelude.Usings}
            {prelude.Statements}
            #line {snippet.Line + usings} "{snippet.File}"
            {string.Join('\n', lines[usings..])}
            #line 1 "prelude {snippet.Argument} (types)"
            {prelude.Types}

            """;
    }

    /// <summary>Compiles C# source; a program when it has top-level statements, else a library.</summary>
    /// <param name="source">The source (see <see cref="Source"/>).</param>
    /// <returns>The errors, each as "file(line,column): error ID: message" with the Markdown file's line.</returns>
    public static IReadOnlyList<string> Errors(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, Parse, path: "snippet.cs");
        bool program = tree.GetCompilationUnitRoot().Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();
        var options = new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable);
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, Parse, path: "GlobalUsings.g.cs")],
            References.Value,
            options);

        // The SDK runs the shared framework's source generators on every build (a snippet may declare a
        // JsonSerializerContext, whose members the System.Text.Json generator writes): so do we.
        CSharpGeneratorDriver.Create(Generators.Value, parseOptions: Parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        return Format(generatorDiagnostics.Concat(generated.GetDiagnostics()));
    }

    /// <summary>
    /// The source generators of the shared framework the tests run on, from the SDK's targeting pack
    /// (<c>packs/Microsoft.NETCore.App.Ref/{version}/analyzers/dotnet/cs</c>), as a build would load them.
    /// </summary>
    private static readonly Lazy<ImmutableArray<ISourceGenerator>> Generators = new(() =>
    {
        string runtime = Path.TrimEndingDirectorySeparator(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        string analyzers = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref", Path.GetFileName(runtime), "analyzers", "dotnet", "cs");
        string generator = Path.Combine(analyzers, "System.Text.Json.SourceGeneration.dll");
        if (!File.Exists(generator))
        {
            throw new FileNotFoundException($"The System.Text.Json source generator is not where the SDK keeps it ({generator}).", generator);
        }

        return new Microsoft.CodeAnalysis.Diagnostics.AnalyzerFileReference(generator, new GeneratorLoader()).GetGenerators(LanguageNames.CSharp);
    });

    /// <summary>Loads a generator assembly (and its neighbours) into the test's context.</summary>
    private sealed class GeneratorLoader : Microsoft.CodeAnalysis.IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }

    /// <summary>Parses C# source without binding it (for snippets that show internal types).</summary>
    /// <param name="source">The source.</param>
    /// <returns>The syntax errors.</returns>
    public static IReadOnlyList<string> SyntaxErrors(string source) =>
        Format(CSharpSyntaxTree.ParseText(source, Parse, path: "snippet.cs").GetDiagnostics());

    private static List<string> Format(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d =>
        {
            var at = d.Location.GetMappedLineSpan();
            return $"{at.Path}({at.StartLinePosition.Line + 1},{at.StartLinePosition.Character + 1}): error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        })];
}

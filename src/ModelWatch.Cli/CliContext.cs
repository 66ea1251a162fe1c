using ModelWatch.Cli.Output;

namespace ModelWatch.Cli;

/// <summary>Where a command writes and what it reads the time from.</summary>
/// <param name="Stdout">Results (tables, JSON, HTML without <c>-o</c>); the table escapes what it prints through <see cref="TerminalWriter"/>, JSON and HTML are escaped for their own formats.</param>
/// <param name="Stderr">Errors, notes, progress and summaries, every character escaped for the terminal.</param>
/// <param name="Time">The clock (profiles' creation time, progress).</param>
/// <param name="Interactive">Whether standard error is a terminal (progress is rewritten in place).</param>
internal sealed record CliContext(TextWriter Stdout, TerminalWriter Stderr, TimeProvider Time, bool Interactive)
{
    /// <summary>Writes a note or summary line to standard error.</summary>
    public void Note(string message) => Stderr.WriteLine($"modelwatch: {message}");
}

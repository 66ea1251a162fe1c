namespace ModelWatch.Cli;

/// <summary>Where a command writes and what it reads the time from.</summary>
/// <param name="Stdout">Results (tables, JSON, HTML without <c>-o</c>).</param>
/// <param name="Stderr">Errors, notes, progress and summaries.</param>
/// <param name="Time">The clock (profiles' creation time, progress).</param>
/// <param name="Interactive">Whether standard error is a terminal (progress is rewritten in place).</param>
internal sealed record CliContext(TextWriter Stdout, TextWriter Stderr, TimeProvider Time, bool Interactive)
{
    /// <summary>Writes a note or summary line to standard error.</summary>
    public void Note(string message) => Stderr.WriteLine($"modelwatch: {message}");
}

using System.Text;

namespace ModelWatch.Cli.Output;

/// <summary>
/// A writer for the terminal: everything written passes through <see cref="TerminalText"/>, so no
/// control character reaches the terminal from any message; only the line ends of
/// <see cref="WriteLine()"/> (and <see cref="ReturnToLineStart"/>, for progress) do.
/// </summary>
/// <remarks>
/// Standard error is always this writer, and the table is written through it, so a print path cannot
/// forget to escape. A line break inside a written string is escaped too: a message is one line
/// unless its lines are written one by one.
/// </remarks>
internal sealed class TerminalWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => TerminalText.Write(inner, [value]);

    public override void Write(string? value) => TerminalText.Write(inner, value);

    public override void Write(ReadOnlySpan<char> buffer) => TerminalText.Write(inner, buffer);

    public override void Write(char[] buffer, int index, int count) => TerminalText.Write(inner, buffer.AsSpan(index, count));

    public override void Write(char[]? buffer) => TerminalText.Write(inner, buffer);

    public override void WriteLine() => inner.WriteLine();

    public override void WriteLine(char value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        Write(buffer);
        inner.WriteLine();
    }

    public override void WriteLine(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        inner.WriteLine();
    }

    public override void WriteLine(char[]? buffer)
    {
        Write(buffer);
        inner.WriteLine();
    }

    /// <summary>Moves to the start of the line, so that progress rewrites itself in place.</summary>
    public void ReturnToLineStart() => inner.Write('\r');

    public override void Flush() => inner.Flush();
}

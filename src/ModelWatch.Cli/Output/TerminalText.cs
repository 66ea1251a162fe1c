using System.Globalization;
using System.Text;

namespace ModelWatch.Cli.Output;

/// <summary>
/// The one rule for text the tool prints to a terminal: a character that would act on the terminal,
/// or change how a line reads, is printed as a visible escape instead (<c>\n</c>, <c>\r</c>,
/// <c>\t</c>, otherwise <c>\u001B</c> with four hex digits).
/// </summary>
/// <remarks>
/// Column names, categories, file names and option values come from outside: an ESC sequence in
/// them could erase or rewrite lines, hide text or set the window title, a line break could print a
/// fake verdict line, and a bidirectional override could reverse what a line says.
/// </remarks>
internal static class TerminalText
{
    /// <summary>
    /// Whether a character is neutralised: C0 controls (tab and line breaks included), DEL, C1 controls,
    /// the Unicode line and paragraph separators, and the bidirectional marks, embeddings, overrides and isolates.
    /// </summary>
    public static bool IsControl(char c) =>
        c < ' '
        || c is >= '\u007F' and <= '\u009F'
        || c is '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

    /// <summary>The text with every control character replaced by its visible escape.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || IndexOfControl(text) < 0)
        {
            return text ?? string.Empty;
        }

        var escaped = new StringBuilder(text.Length + 16);
        Append(escaped, text);
        return escaped.ToString();
    }

    /// <summary>Writes text with every control character replaced by its visible escape.</summary>
    public static void Write(TextWriter writer, ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            int i = IndexOfControl(text);
            if (i < 0)
            {
                writer.Write(text);
                return;
            }

            writer.Write(text[..i]);
            writer.Write(EscapeOf(text[i]));
            text = text[(i + 1)..];
        }
    }

    private static void Append(StringBuilder builder, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (IsControl(c))
            {
                builder.Append(EscapeOf(c));
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    private static int IndexOfControl(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (IsControl(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string EscapeOf(char c) => c switch
    {
        '\n' => @"\n",
        '\r' => @"\r",
        '\t' => @"\t",
        _ => string.Create(CultureInfo.InvariantCulture, $@"\u{(int)c:X4}"),
    };
}

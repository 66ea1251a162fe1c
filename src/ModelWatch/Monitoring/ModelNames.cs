using System.Globalization;
using System.Text;

namespace ModelWatch.Monitoring;

/// <summary>
/// The rules a model name must meet to be served: every name that registers can be reached through
/// URLs (the dashboard, the JSON endpoints) and shown on pages, in logs and in terminals. A name
/// has at most <see cref="MaxLength"/> characters and is printable, well-formed text: no control
/// character (C0, DEL, C1), no lone surrogate, no noncharacter U+FFFE or U+FFFF.
/// </summary>
/// <remarks>
/// Any other character is allowed — <c>/</c>, <c>%</c>, <c>.</c> and <c>..</c>, spaces, <c>?</c>
/// and <c>#</c>, any script: the dashboard encodes names for its URLs. Checked by
/// <see cref="ModelOptionsValidator"/>, so a name that breaks a rule stops the host at start-up
/// (or makes <see cref="IModelWatch.AddModel"/> throw) with the other configuration problems.
/// </remarks>
internal static class ModelNames
{
    /// <summary>
    /// The longest model name, in UTF-16 code units. Encoded for a URL a unit takes at most 9
    /// characters (three UTF-8 bytes, each <c>%XX</c>), so a name's path segment stays under 2.5 KB,
    /// well inside servers' request-line limits (Kestrel: 8 KB).
    /// </summary>
    public const int MaxLength = 256;

    /// <summary>Adds one problem to <paramref name="errors"/> for each rule the name breaks; an empty name is reported by the caller.</summary>
    public static void Check(string? name, List<string> errors)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        if (name.Length > MaxLength)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"The model name is {name.Length:N0} characters long; at most {MaxLength} are allowed."));
        }

        if (FirstUnprintable(name) is int at)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"The model name has a character that is not printable text (U+{(int)name[at]:X4} at index {at}): control characters, lone surrogates, U+FFFE and U+FFFF are not allowed."));
        }
    }

    /// <summary>The index of the first control character, lone surrogate or noncharacter U+FFFE/U+FFFF, or null.</summary>
    private static int? FirstUnprintable(string name)
    {
        for (int i = 0; i < name.Length;)
        {
            if (Rune.DecodeFromUtf16(name.AsSpan(i), out var rune, out int length) != System.Buffers.OperationStatus.Done
                || Rune.IsControl(rune) || rune.Value is 0xFFFE or 0xFFFF)
            {
                return i;
            }

            i += length;
        }

        return null;
    }
}

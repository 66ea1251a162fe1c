using System.Text;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Reliability;

/// <summary>Which format-aware mutations a <see cref="Mutator"/> may apply besides the byte-level ones.</summary>
internal enum MutationFormat
{
    Json,
    Csv,
}

/// <summary>
/// A seeded mutator for reader fuzzing: the same seed and inputs always give the same mutants, so a
/// failure is reproduced from the seed and the input's index alone.
/// </summary>
/// <remarks>
/// Each mutant starts from one valid seed input and applies one to four mutations: byte-level ones
/// (bit flips, inserted, deleted and duplicated runs, truncation, splicing with another seed),
/// numbers replaced by extreme or malformed ones, and format-aware damage — deep nesting and huge
/// arrays for JSON; unbalanced quotes, embedded and CR-only line breaks, NUL bytes, invalid UTF-8,
/// byte-order marks and very long cells for CSV. Sizes stay bounded (about a megabyte at most) so the
/// per-input allocation bound measures the reader, not the mutant.
/// The command-line tool's tests compile this file too (a linked item).
/// </remarks>
internal sealed class Mutator(ulong seed, MutationFormat format)
{
    // Replacements for a number: overflow for int, long and double, NaN spelled both ways, negative
    // counts, signs and exponents in odd places, and digit strings far longer than any number.
    private static readonly string[] Numbers =
    [
        "0", "-0", "-1", "1e308", "1e309", "-1e309", "4.9e-324", "NaN", "\"NaN\"", "\"Infinity\"", "-Infinity",
        "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "1e", "--1", "+1", "0x10", "1.2.3", ".5", "5.", "1_000", "1,5", "null", "true", "\"\"",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE], [0x80], [0xC3], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF],
    ];

    private static readonly byte[][] ByteOrderMarks = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00]];

    private SplitMix64 _rng = new(seed);

    public byte[] Mutate(IReadOnlyList<byte[]> seeds)
    {
        var data = new List<byte>(seeds[Next(seeds.Count)]);
        // Half the mutants carry one mutation: stacked damage mostly breaks the syntax, and a reader's deeper
        // checks are only reached by inputs that still parse.
        int steps = Next(2) == 0 ? 1 : 1 + Next(4);
        for (int s = 0; s < steps; s++)
        {
            Apply(data, seeds);
        }

        return [.. data];
    }

    private int Next(int bound) => bound <= 1 ? 0 : (int)(_rng.Next() % (ulong)bound);

    /// <summary>A length skewed towards small values (most damage is local) with an occasional long run.</summary>
    private int Length(int max) => Math.Max(1, Math.Min(max, 1 << Next(1 + (int)Math.Log2(Math.Max(2, max)))));

    private void Apply(List<byte> data, IReadOnlyList<byte[]> seeds)
    {
        int common = 7;
        int specific = format == MutationFormat.Json ? 4 : 8;
        int op = Next(common + specific);
        if (data.Count == 0 && op < common)
        {
            data.AddRange(seeds[Next(seeds.Count)]);
            return;
        }

        switch (op)
        {
            case 0: // bit flips
                for (int f = 1 + Next(8); f > 0; f--)
                {
                    data[Next(data.Count)] ^= (byte)(1 << Next(8));
                }

                break;
            case 1: // random bytes inserted
                {
                    int at = Next(data.Count + 1);
                    var run = new byte[Length(64)];
                    for (int i = 0; i < run.Length; i++)
                    {
                        run[i] = (byte)_rng.Next();
                    }

                    data.InsertRange(at, run);
                    break;
                }

            case 2: // a run deleted
                {
                    int at = Next(data.Count);
                    data.RemoveRange(at, Math.Min(data.Count - at, Length(4096)));
                    break;
                }

            case 3: // a run duplicated, in place or elsewhere, possibly many times
                {
                    int at = Next(data.Count);
                    var run = data.GetRange(at, Math.Min(data.Count - at, Length(1024)));
                    int to = Next(2) == 0 ? at : Next(data.Count + 1);
                    for (int times = Length(16); times > 0 && data.Count < (1 << 20); times--)
                    {
                        data.InsertRange(to, run);
                    }

                    break;
                }

            case 4: // truncated
                {
                    int cut = Next(data.Count);
                    data.RemoveRange(cut, data.Count - cut);
                    break;
                }

            case 5: // spliced: a prefix of this input and a suffix of another (or the same) seed
                {
                    var other = seeds[Next(seeds.Count)];
                    int cut = Next(data.Count + 1);
                    data.RemoveRange(cut, data.Count - cut);
                    data.AddRange(other.AsSpan(Next(other.Length + 1)).ToArray());
                    break;
                }

            case 6:
                ReplaceNumber(data);
                break;
            default:
                if (format == MutationFormat.Json)
                {
                    ApplyJson(data, op - common);
                }
                else
                {
                    ApplyCsv(data, op - common);
                }

                break;
        }
    }

    /// <summary>Replaces the number at or after a random position (a run of digits, signs, dots and exponents).</summary>
    private void ReplaceNumber(List<byte> data)
    {
        int start = Next(data.Count);
        while (start < data.Count && !char.IsAsciiDigit((char)data[start]))
        {
            start++;
        }

        if (start == data.Count)
        {
            return;
        }

        while (start > 0 && data[start - 1] is (byte)'-' or (byte)'+' or (byte)'.' || (start > 0 && char.IsAsciiDigit((char)data[start - 1])))
        {
            start--;
        }

        int end = start;
        while (end < data.Count && (char.IsAsciiDigit((char)data[end]) || data[end] is (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E'))
        {
            end++;
        }

        string replacement = Next(4) == 0
            ? new string((char)('1' + Next(9)), 1) + new string('9', Length(100_000)) // overlong digit strings
            : Numbers[Next(Numbers.Length)];
        data.RemoveRange(start, end - start);
        data.InsertRange(start, Encoding.UTF8.GetBytes(replacement));
    }

    private void ApplyJson(List<byte> data, int op)
    {
        int at = Next(data.Count + 1);
        switch (op)
        {
            case 0: // deep nesting, balanced or not
                {
                    int depth = Length(100_000);
                    bool array = Next(2) == 0;
                    var text = new StringBuilder().Insert(0, array ? "[" : "{\"a\":", depth);
                    if (Next(2) == 0)
                    {
                        text.Append('0').Append(array ? ']' : '}', depth);
                    }

                    data.InsertRange(at, Encoding.UTF8.GetBytes(text.ToString()));
                    break;
                }

            case 1: // a huge array of numbers, strings or nulls
                {
                    string[] items = ["0", "1e308", "\"x\"", "null", "[]", "{}", "-1"];
                    string item = items[Next(items.Length)];
                    int count = Length(200_000);
                    var text = new StringBuilder(count * (item.Length + 1) + 2).Append('[');
                    for (int i = 0; i < count; i++)
                    {
                        text.Append(i == 0 ? string.Empty : ",").Append(item);
                    }

                    data.InsertRange(at, Encoding.UTF8.GetBytes(text.Append(']').ToString()));
                    break;
                }

            case 2: // a structural token where it does not belong
                {
                    string[] tokens = ["{", "}", "[", "]", "\"", ",", ":", "null", "\"\\u0000\"", "\"\\ud800\"", "\\", "\"format\":", "1e999999"];
                    data.InsertRange(at, Encoding.UTF8.GetBytes(tokens[Next(tokens.Length)]));
                    break;
                }

            default: // a very long string, or invalid UTF-8
                if (Next(2) == 0)
                {
                    data.InsertRange(at, Encoding.UTF8.GetBytes("\"" + new string('x', Length(1 << 20)) + "\""));
                }
                else
                {
                    data.InsertRange(at, InvalidUtf8[Next(InvalidUtf8.Length)]);
                }

                break;
        }
    }

    private void ApplyCsv(List<byte> data, int op)
    {
        int at = Next(data.Count + 1);
        switch (op)
        {
            case 0: // an unbalanced quote
                data.Insert(at, (byte)'"');
                break;
            case 1: // a line break where it does not belong
                {
                    byte[][] breaks = [[(byte)'\n'], [(byte)'\r'], [(byte)'\r', (byte)'\n'], [(byte)'\n', (byte)'\n'], [(byte)'"', (byte)'\n', (byte)'"']];
                    data.InsertRange(at, breaks[Next(breaks.Length)]);
                    break;
                }

            case 2: // CR-only (old Mac) line endings throughout
                for (int i = 0; i < data.Count; i++)
                {
                    if (data[i] == (byte)'\n')
                    {
                        data[i] = (byte)'\r';
                    }
                }

                break;
            case 3: // NUL bytes
                data.InsertRange(at, new byte[Length(64)]);
                break;
            case 4: // invalid UTF-8
                data.InsertRange(at, InvalidUtf8[Next(InvalidUtf8.Length)]);
                break;
            case 5: // a very long cell, quoted or not
                {
                    string cell = new((char)('a' + Next(26)), Length(1 << 20));
                    data.InsertRange(at, Encoding.UTF8.GetBytes(Next(2) == 0 ? cell : "\"" + cell + "\""));
                    break;
                }

            case 6: // separators: extra fields (a wider row, or a wider header)
                data.InsertRange(at, Enumerable.Repeat((byte)',', Length(64)));
                break;
            default: // a byte-order mark (UTF-8, UTF-16 or UTF-32) at the start, or mid-file
                data.InsertRange(Next(4) == 0 ? at : 0, ByteOrderMarks[Next(ByteOrderMarks.Length)]);
                break;
        }
    }
}

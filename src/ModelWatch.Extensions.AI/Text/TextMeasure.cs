using System.Globalization;
using System.Text;

namespace ModelWatch.Extensions.AI.Text;

/// <summary>
/// Counts characters, words and sentences in one pass, in any script, without allocating.
/// </summary>
/// <remarks>
/// The rules are deterministic and language-agnostic where Unicode allows it: words are maximal runs
/// of letters, digits and combining marks (an apostrophe between letters joins them, so
/// "don't" is one word, and so are "3.14" and "1,000"); scripts written without spaces (Han, Hiragana, Katakana) count one word per
/// character, the usual proxy in the absence of a dictionary. A sentence ends at one of
/// <c>. ! ? … 。 ！ ？ ؟ । ॥</c> (a run of them ends one sentence); a full stop ends a sentence only
/// before white space, a closing quote or bracket, or the end, so decimals ("3.14") and host names
/// ("example.com") do not split sentences; abbreviations ("e.g. this") do.
/// Combining marks count as letters in the non-letter share. Lone surrogates are counted, and treated as a visible non-letter that ends a word.
/// </remarks>
internal static class TextMeasure
{
    public static TextStatistics Measure(ReadOnlySpan<char> text)
    {
        int characters = 0, words = 0, sentences = 0, visible = 0, letters = 0, lone = 0;
        bool inWord = false, sentenceHasWord = false;
        for (int i = 0; i < text.Length;)
        {
            char c = text[i];
            Rune rune;
            int width = 1;
            if (!char.IsSurrogate(c))
            {
                rune = new Rune(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                rune = new Rune(c, text[i + 1]);
                width = 2;
            }
            else
            {
                // A lone surrogate: counted, and read as a visible non-letter (U+FFFD's reading).
                lone++;
                characters++;
                visible++;
                inWord = false;
                i++;
                continue;
            }

            characters++;
            if (Rune.IsWhiteSpace(rune))
            {
                inWord = false;
            }
            else
            {
                visible++;
                var category = Rune.GetUnicodeCategory(rune);
                bool letter = category <= UnicodeCategory.OtherLetter; // Lu, Ll, Lt, Lm, Lo
                bool mark = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
                if (letter || mark)
                {
                    letters++; // a combining mark belongs to its letter (Devanagari vowel signs, Arabic harakat)
                }

                if (IsUnspacedScript(rune.Value))
                {
                    words++;
                    inWord = false;
                    sentenceHasWord = true;
                }
                else if (letter || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                         || (inWord && mark))
                {
                    if (!inWord)
                    {
                        words++;
                        inWord = true;
                    }

                    sentenceHasWord = true;
                }
                else if (inWord && IsApostrophe(c) && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                {
                    // "don't": the apostrophe joins the letters on both sides.
                }
                else if (inWord && c is ('.' or ',') && i > 0 && char.IsAsciiDigit(text[i - 1]) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
                {
                    // "3.14", "1,000": a separator between digits is part of the number.
                }
                else
                {
                    inWord = false;
                    if (sentenceHasWord && EndsSentence(text, i, c))
                    {
                        sentences++;
                        sentenceHasWord = false;
                    }
                }
            }

            i += width;
        }

        if (sentenceHasWord)
        {
            sentences++;
        }

        return new TextStatistics
        {
            Characters = characters,
            Words = words,
            Sentences = sentences,
            Visible = visible,
            Letters = letters,
            LoneSurrogates = lone,
        };
    }

    private static bool EndsSentence(ReadOnlySpan<char> text, int i, char c) => c switch
    {
        '!' or '?' or '…' or '。' or '！' or '？' or '؟' or '।' or '॥' or '︒' or '｡' => true,
        '.' => i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]) || text[i + 1] is '"' or '\'' or ')' or ']' or '}' or '”' or '’' or '»',
        _ => false,
    };

    private static bool IsApostrophe(char c) => c is '\'' or '’';

    // Scripts written without spaces between words: one word per character.
    private static bool IsUnspacedScript(int codePoint) =>
        codePoint is (>= 0x3040 and <= 0x30FF)      // Hiragana, Katakana
            or (>= 0x31F0 and <= 0x31FF)            // Katakana phonetic extensions
            or (>= 0x3400 and <= 0x4DBF)            // CJK Unified Ideographs Extension A
            or (>= 0x4E00 and <= 0x9FFF)            // CJK Unified Ideographs
            or (>= 0xF900 and <= 0xFAFF)            // CJK Compatibility Ideographs
            or (>= 0xFF66 and <= 0xFF9F)            // half-width Katakana
            or (>= 0x20000 and <= 0x3134F);         // CJK Unified Ideographs Extensions B–G
}

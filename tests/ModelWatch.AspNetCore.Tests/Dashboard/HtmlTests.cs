using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using ModelWatch.AspNetCore.Dashboard;

namespace ModelWatch.AspNetCore.Tests.Dashboard;

/// <summary>
/// <see cref="Html.Text"/> is the one way untrusted text reaches the dashboard's HTML and inline SVG:
/// whatever the text, what it writes is markup-free, shows as the text (or U+FFFD where a character
/// cannot be carried) and is well-formed XML, so a chart copied out as an .svg file still parses.
/// </summary>
public sealed partial class HtmlTests
{
    [Fact]
    public void Text_EveryUtf16CodeUnit_WritesWellFormedMarkupFreeText()
    {
        var failures = new List<string>();
        for (int c = 0; c <= char.MaxValue; c++)
        {
            string text = $"a{(char)c}b";
            string written = Write(text);
            if (Problem(written) is { } problem)
            {
                failures.Add($"U+{c:X4}: {problem} in {written}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)) + $"{Environment.NewLine}({failures.Count} in all)");
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("<b>&\"'", "<b>&\"'")]
    [InlineData("tab\tline\ncr\r", "tab\tline\ncr\r")]
    [InlineData("esc\u001b[31m", "esc\uFFFD[31m")]
    [InlineData("nul\0 del\u007f c1\u0085\u0080", "nul\uFFFD del\uFFFD c1\uFFFD\uFFFD")]
    [InlineData("non\uFFFE\uFFFF", "non\uFFFD\uFFFD")]
    [InlineData("😀 café 模型", "😀 café 模型")]
    public void Text_ReadsBackAsTheText_WithUnprintableCharactersReplaced(string text, string shown)
    {
        Assert.Equal(shown, ReadBack(Write(text)));
    }

    [Fact]
    public void Text_LoneSurrogates_ShowAsReplacementCharacters()
    {
        Assert.Equal("high\uFFFD low\uFFFD pair😀", ReadBack(Write("high\uD800 low\uDC00 pair😀")));
    }

    /// <summary>What is wrong with written text, or null: raw markup, a character XML cannot carry, or a reference to one HTML or XML reads otherwise.</summary>
    private static string? Problem(string written)
    {
        if (written.IndexOfAny(['<', '>', '"', '\'']) >= 0)
        {
            return "raw markup";
        }

        if (Unprintable(written) is { } unprintable)
        {
            return unprintable;
        }

        try
        {
            ReadBack(written);
        }
        catch (XmlException e)
        {
            return $"not well-formed XML ({e.Message})";
        }

        return null;
    }

    /// <summary>A raw control character (other than tab, line feed, carriage return) in markup, or a character reference to one, a surrogate or a noncharacter; or null.</summary>
    internal static string? Unprintable(string markup)
    {
        foreach (char c in markup)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return $"raw U+{(int)c:X4}";
            }
        }

        foreach (Match m in CharacterReference().Matches(markup))
        {
            int value = int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (value < 0x20 && value is not (0x9 or 0xA or 0xD) || value is >= 0x7F and <= 0x9F || value is 0xFFFE or 0xFFFF || value is >= 0xD800 and <= 0xDFFF)
            {
                return $"reference {m.Value}";
            }
        }

        return null;
    }

    private static string Write(string text)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        Html.Text(w, text);
        return w.ToString();
    }

    /// <summary>Parses written text as an XML element's content and an attribute's value; both must read back the same.</summary>
    private static string ReadBack(string written)
    {
        var document = new XmlDocument();
        document.LoadXml($"<t a=\"{written}\">{written}</t>");
        string content = document.DocumentElement!.InnerText;
        Assert.Equal(content, document.DocumentElement.GetAttribute("a"));
        return content;
    }

    [GeneratedRegex("&#x([0-9A-Fa-f]+);")]
    private static partial Regex CharacterReference();
}

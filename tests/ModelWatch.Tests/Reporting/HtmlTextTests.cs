using System.Globalization;
using System.Xml;
using ModelWatch.Reporting;

namespace ModelWatch.Tests.Reporting;

/// <summary>One encoding for the HTML report's and the dashboard's text and attributes: markup characters as entities, and whatever XML 1.0 refuses as U+FFFD.</summary>
public sealed class HtmlTextTests
{
    [Fact]
    public void Encode_EveryUtf16CodeUnit_GivesWellFormedTextAndAttributes()
    {
        for (int u = 0; u <= char.MaxValue; u++)
        {
            string text = "a" + (char)u + "b";
            string encoded = HtmlText.Encode(text);
            string decoded = ParseBoth(encoded, u);
            char expected = IsXmlCharacter(u) && !(u is >= 0x7F and <= 0x9F) ? (char)u : '\uFFFD';

            // XML normalizes a carriage return to a line feed when it parses; the page keeps it.
            Assert.Equal("a" + (u == '\r' ? '\n' : expected) + "b", decoded);
        }
    }

    [Fact]
    public void Encode_KeepsSurrogatePairs_AndReplacesLoneSurrogates()
    {
        Assert.Equal("😀 x", HtmlText.Encode("😀 x"));
        Assert.Equal("\uFFFD x \uFFFD", HtmlText.Encode("\uD83D x \uDE00"));
        Assert.Equal("a&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", HtmlText.Encode("a<b> & \"c\" 'd'"));
    }

    private static string ParseBoth(string encoded, int u)
    {
        string xml = $"<p title=\"{encoded}\">{encoded}</p>";
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml));
            reader.MoveToContent();
            string attribute = reader.GetAttribute("title")!;
            string content = reader.ReadElementContentAsString();

            // Attribute values normalize white space to spaces; element content keeps it.
            Assert.Equal(attribute.Length, content.Length);
            return content;
        }
        catch (XmlException ex)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"U+{u:X4} made the markup invalid: {ex.Message}"), ex);
        }
    }

    /// <summary>XML 1.0's Char production, for a code unit on its own (so no surrogate).</summary>
    private static bool IsXmlCharacter(int u) =>
        u is 0x9 or 0xA or 0xD || (u >= 0x20 && u <= 0xD7FF) || (u >= 0xE000 && u <= 0xFFFD);
}

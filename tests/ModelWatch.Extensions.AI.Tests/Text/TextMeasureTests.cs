using ModelWatch.Extensions.AI.Text;

namespace ModelWatch.Extensions.AI.Tests.Text;

public class TextMeasureTests
{
    // Each row is worked by hand: characters (scalar values), words, sentences, visible, letters (incl. marks), lone surrogates.
    [Theory]
    [InlineData("", 0, 0, 0, 0, 0, 0)]
    [InlineData("   \t\n", 5, 0, 0, 0, 0, 0)]
    [InlineData("Hello, world.", 13, 2, 1, 12, 10, 0)]
    [InlineData("Hi. How are you?", 16, 4, 2, 13, 11, 0)]
    [InlineData("Wait... really?!", 16, 2, 2, 15, 10, 0)]
    [InlineData("Pi is 3.14 and example.com has 1,000 pages", 42, 9, 1, 35, 25, 0)]
    [InlineData("don't stop", 10, 2, 1, 9, 8, 0)]
    [InlineData("...", 3, 0, 0, 3, 0, 0)]
    [InlineData("你好世界。", 5, 4, 1, 5, 4, 0)]                       // Han: one word per character
    [InlineData("東京は晴れ。今日も！", 10, 8, 2, 10, 8, 0)]          // Han and Hiragana, two sentences
    [InlineData("مرحبا بالعالم؟", 14, 2, 1, 13, 12, 0)]              // Arabic (RTL), Arabic question mark
    [InlineData("שלום עולם.", 10, 2, 1, 9, 8, 0)]                    // Hebrew (RTL)
    [InlineData("नमस्ते दुनिया।", 14, 2, 1, 13, 12, 0)]              // Devanagari: vowel signs and virama are marks inside the word
    [InlineData("\uD83D\uDE00 ok", 4, 1, 1, 3, 2, 0)]                 // a valid pair (U+1F600) is one character
    public void Measure_HandWorkedText_CountsAsExpected(string text, int characters, int words, int sentences, int visible, int letters, int lone)
    {
        var stats = TextMeasure.Measure(text);

        Assert.Equal(characters, stats.Characters);
        Assert.Equal(words, stats.Words);
        Assert.Equal(sentences, stats.Sentences);
        Assert.Equal(visible, stats.Visible);
        Assert.Equal(letters, stats.Letters);
        Assert.Equal(lone, stats.LoneSurrogates);
    }

    // Lone surrogates cannot travel in attribute arguments (metadata is UTF-8), so these are built in code.
    [Fact]
    public void Measure_LoneSurrogates_CountedAndReadAsNonLetters()
    {
        var high = TextMeasure.Measure("ab" + (char)0xD800 + "cd");  // splits the word
        var low = TextMeasure.Measure(((char)0xDC00).ToString());
        var reversed = TextMeasure.Measure("x" + (char)0xDE00 + (char)0xD83D + "y"); // low before high: two lone ones

        Assert.Equal((5, 2, 1, 5, 4, 1), (high.Characters, high.Words, high.Sentences, high.Visible, high.Letters, high.LoneSurrogates));
        Assert.Equal((1, 0, 0, 1, 0, 1), (low.Characters, low.Words, low.Sentences, low.Visible, low.Letters, low.LoneSurrogates));
        Assert.Equal((4, 2, 2), (reversed.Characters, reversed.Words, reversed.LoneSurrogates));
    }

    [Fact]
    public void NonLetterShare_NothingVisible_IsMissing()
    {
        Assert.True(double.IsNaN(TextMeasure.Measure("").NonLetterShare));
        Assert.True(double.IsNaN(TextMeasure.Measure(" \u00A0\u3000").NonLetterShare)); // NBSP and ideographic space are white space
    }

    [Fact]
    public void NonLetterShare_HelloWorld_IsTwoOfTwelve() =>
        Assert.Equal(2.0 / 12.0, TextMeasure.Measure("Hello, world.").NonLetterShare, 15);

    [Fact]
    public void Measure_ThreeMegabytes_CountsEveryWord()
    {
        string text = string.Concat(Enumerable.Repeat("lorem ipsum dolor. ", 80_000)); // 1,520,000 chars, ~3 MB of UTF-16

        var stats = TextMeasure.Measure(text);

        Assert.Equal(1_520_000, stats.Characters);
        Assert.Equal(240_000, stats.Words);
        Assert.Equal(80_000, stats.Sentences);
    }

    [Fact]
    public void Measure_AfterWarmUp_AllocatesNothing()
    {
        string text = "Hello, world. 你好世界。 مرحبا";
        TextMeasure.Measure(text);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            TextMeasure.Measure(text);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

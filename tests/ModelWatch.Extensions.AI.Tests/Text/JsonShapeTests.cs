using System.Text.Json;
using ModelWatch.Extensions.AI.Text;

namespace ModelWatch.Extensions.AI.Tests.Text;

public class JsonShapeTests
{
    [Theory]
    [InlineData("", JsonShape.None)]
    [InlineData("   ", JsonShape.None)]
    [InlineData("Sure! Here it is.", JsonShape.None)]
    [InlineData("42", JsonShape.None)]                                    // a bare scalar is not a structured answer
    [InlineData("{\"a\":1}", JsonShape.Valid)]
    [InlineData("  [1, 2, {\"b\": null}]\n", JsonShape.Valid)]
    [InlineData("```json\n{\"a\": [true, false]}\n```", JsonShape.Valid)]
    [InlineData("```\n[1]\n```", JsonShape.Valid)]
    [InlineData("{\"a\":\"\uD800\"}", JsonShape.Valid)]                   // a lone surrogate inside a string: U+FFFD, still JSON
    [InlineData("{\"a\":1", JsonShape.Invalid)]                           // truncated
    [InlineData("{\"a\":1} and more", JsonShape.Invalid)]                 // trailing text
    [InlineData("{\"a\":1,}", JsonShape.Invalid)]                         // trailing comma
    [InlineData("{'a':1}", JsonShape.Invalid)]                            // single quotes
    [InlineData("[1, 2 // two\n]", JsonShape.Invalid)]                    // comments are not JSON
    public void Classify_Text_GivesShape(string text, string expected) =>
        Assert.Equal(expected, JsonShape.Classify(text, null));

    [Fact]
    public void Classify_SchemaCheckRejects_IsSchemaMismatch()
    {
        static bool HasAnswer(JsonElement e) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("answer", out _);

        Assert.Equal(JsonShape.Valid, JsonShape.Classify("{\"answer\": 1}", HasAnswer));
        Assert.Equal(JsonShape.SchemaMismatch, JsonShape.Classify("{\"other\": 1}", HasAnswer));
        Assert.Equal(JsonShape.Invalid, JsonShape.Classify("{\"answer\": ", HasAnswer)); // the check runs on well-formed JSON only
    }

    [Fact]
    public void Classify_DeepNesting_IsInvalidNotAnException()
    {
        string deep = new string('[', 10_000) + new string(']', 10_000);
        Assert.Equal(JsonShape.Invalid, JsonShape.Classify(deep, null));
    }

    [Fact]
    public void Classify_ValidJson_AllocatesNothingAfterWarmUp()
    {
        string json = "{\"answer\":\"" + new string('x', 2_000) + "\",\"score\":0.5}";
        JsonShape.Classify(json, null);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            JsonShape.Classify(json, null);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

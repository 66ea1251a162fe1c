using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ModelWatch.Extensions.AI.Text;

/// <summary>Whether a response is JSON: the categories of the <c>response.json</c> descriptor.</summary>
internal static class JsonShape
{
    /// <summary>The text does not start like JSON (after white space and an optional <c>```json</c> fence).</summary>
    public const string None = "none";

    /// <summary>One complete, well-formed JSON object or array (RFC 8259; no comments or trailing commas).</summary>
    public const string Valid = "valid";

    /// <summary>The text starts like JSON but is not well formed (truncated, unbalanced, trailing text…).</summary>
    public const string Invalid = "invalid";

    /// <summary>Well-formed JSON that the configured schema check rejected.</summary>
    public const string SchemaMismatch = "schema_mismatch";

    /// <summary>Classifies <paramref name="text"/>; a schema check runs only on valid JSON.</summary>
    /// <remarks>
    /// Well-formedness is checked by <see cref="Utf8JsonReader"/> over a pooled UTF-8 copy, so a
    /// valid document allocates nothing; an invalid one costs the reader's exception (microseconds,
    /// next to a language model's seconds). Only a schema check builds a <see cref="JsonDocument"/>.
    /// </remarks>
    public static string Classify(ReadOnlySpan<char> text, Func<JsonElement, bool>? schemaCheck)
    {
        var json = Unfence(text);
        if (json.IsEmpty || json[0] is not ('{' or '['))
        {
            return None;
        }

        byte[] utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            // Lone surrogates become U+FFFD here, so they can only make a string value different, never valid JSON invalid.
            int length = Encoding.UTF8.GetBytes(json, utf8);
            var bytes = new ReadOnlySpan<byte>(utf8, 0, length);
            if (!IsWellFormed(bytes))
            {
                return Invalid;
            }

            if (schemaCheck is null)
            {
                return Valid;
            }

            var reader = new Utf8JsonReader(bytes);
            using var document = JsonDocument.ParseValue(ref reader);
            return schemaCheck(document.RootElement) ? Valid : SchemaMismatch;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8, clearArray: true); // the response must not outlive the call, even in a pool
        }
    }

    private static bool IsWellFormed(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 256 });
            while (reader.Read())
            {
            }

            // The reader throws on anything after the root value except white space, so a clean end is well formed.
            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Models often wrap JSON in a Markdown code fence: ```json … ``` (or a bare ``` … ```).
    private static ReadOnlySpan<char> Unfence(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        int lineEnd = trimmed.IndexOf('\n');
        if (lineEnd < 0)
        {
            return ReadOnlySpan<char>.Empty;
        }

        var body = trimmed[(lineEnd + 1)..];
        if (body.TrimEnd().EndsWith("```", StringComparison.Ordinal))
        {
            body = body.TrimEnd()[..^3];
        }

        return body.Trim();
    }
}

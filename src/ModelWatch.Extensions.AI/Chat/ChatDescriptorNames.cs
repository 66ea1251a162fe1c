namespace ModelWatch.Extensions.AI;

/// <summary>
/// The names of the features <c>UseModelWatch</c> logs for each chat call: what reports, the
/// dashboard and the metrics' <c>modelwatch.feature.name</c> attribute show.
/// </summary>
public static class ChatDescriptorNames
{
    /// <summary>Characters (Unicode scalar values) of the prompt: the last user message's text.</summary>
    public const string PromptCharacters = "prompt.characters";

    /// <summary>Words of the prompt (runs of letters and digits; one per Han or kana character).</summary>
    public const string PromptWords = "prompt.words";

    /// <summary>Sentences of the prompt.</summary>
    public const string PromptSentences = "prompt.sentences";

    /// <summary>Share of the prompt's visible characters that are not letters (digits, punctuation, symbols).</summary>
    public const string PromptNonLetterShare = "prompt.non_letter_share";

    /// <summary>Characters (Unicode scalar values) of the response's text.</summary>
    public const string ResponseCharacters = "response.characters";

    /// <summary>Words of the response.</summary>
    public const string ResponseWords = "response.words";

    /// <summary>Sentences of the response.</summary>
    public const string ResponseSentences = "response.sentences";

    /// <summary>Share of the response's visible characters that are not letters.</summary>
    public const string ResponseNonLetterShare = "response.non_letter_share";

    /// <summary>Function (tool) calls the response asks for.</summary>
    public const string ResponseToolCalls = "response.tool_calls";

    /// <summary>Input tokens, as the provider reports them (missing when it does not).</summary>
    public const string InputTokens = "usage.input_tokens";

    /// <summary>Output tokens, as the provider reports them (missing when it does not).</summary>
    public const string OutputTokens = "usage.output_tokens";

    /// <summary>The finish reason: <c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>, <c>other</c> or <c>none</c>.</summary>
    public const string FinishReason = "response.finish_reason";

    /// <summary>Whether the response is JSON: <c>none</c>, <c>valid</c>, <c>invalid</c> or <c>schema_mismatch</c>.</summary>
    public const string Json = "response.json";

    /// <summary>Whether the response opens with a refusal phrase: <c>true</c> or <c>false</c>.</summary>
    public const string Refusal = "response.refusal";

    /// <summary>Whether the response holds a link: <c>true</c> or <c>false</c>.</summary>
    public const string Link = "response.link";
}

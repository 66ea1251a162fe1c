using Microsoft.Extensions.AI;

namespace ModelWatch.Extensions.AI;

/// <summary>
/// What a custom descriptor (<see cref="ModelWatchChatOptions.AddDescriptor"/>) sees of one chat call.
/// The texts are spans valid only during the call: a descriptor returns a number and must not keep them.
/// </summary>
public readonly ref struct ChatDescriptorContext
{
    /// <summary>Gets the prompt: the text of the last user message.</summary>
    public ReadOnlySpan<char> Prompt { get; init; }

    /// <summary>Gets the response's text.</summary>
    public ReadOnlySpan<char> Response { get; init; }

    /// <summary>Gets the finish reason, when the provider reported one.</summary>
    public ChatFinishReason? FinishReason { get; init; }

    /// <summary>Gets the number of function (tool) calls in the response.</summary>
    public int ToolCalls { get; init; }
}

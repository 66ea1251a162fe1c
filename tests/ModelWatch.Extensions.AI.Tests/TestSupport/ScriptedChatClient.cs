using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ModelWatch.Extensions.AI.Tests.TestSupport;

/// <summary>A local chat client that answers from a script: a response per call, streamed as given chunks.</summary>
internal sealed class ScriptedChatClient(Func<IEnumerable<ChatMessage>, ChatResponse> answer) : IChatClient
{
    public Func<ChatResponse, IEnumerable<ChatResponseUpdate>>? Stream { get; init; }

    public Exception? Failure { get; set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Failure is null ? Task.FromResult(answer(messages)) : Task.FromException<ChatResponse>(Failure);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = answer(messages);
        foreach (var update in Stream?.Invoke(response) ?? response.ToChatResponseUpdates())
        {
            await Task.Yield();
            if (Failure is not null)
            {
                throw Failure;
            }

            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    public static ChatResponse Text(string text, ChatFinishReason? finish = null, UsageDetails? usage = null) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = finish ?? ChatFinishReason.Stop, Usage = usage };

    /// <summary>A response with usage as a provider reports it: about four characters a token.</summary>
    public static ChatResponse WithUsage(IEnumerable<ChatMessage> question, string text) =>
        Text(text, ChatFinishReason.Stop, new UsageDetails { InputTokenCount = 1 + (question.Last().Text.Length / 4), OutputTokenCount = 1 + (text.Length / 4) });
}

using Microsoft.Extensions.AI;

namespace ModelWatch.ChatSample;

/// <summary>
/// A deterministic local stand-in for a language model: short, helpful answers (order questions get
/// a JSON status) for the first <c>changeAfter</c> calls, then — as after a silent model update —
/// long rambling answers, many refusals and broken JSON. The same call number always gives the same
/// answer; nothing leaves the process.
/// </summary>
internal sealed class SupportBotClient(int changeAfter) : IChatClient
{
    private static readonly string[] s_openers =
    [
        "Thanks for asking.", "Happy to help.", "Good question.", "Here is what to do.",
    ];

    private static readonly string[] s_steps =
    [
        "Open Settings and choose Account.", "Select Reset password and follow the link we email you.",
        "Restart the app once the update finishes.", "Check that your card has not expired.",
        "Sign out on every device, then sign in again.", "Clear the browser cache and reload the page.",
        "Contact the store within 30 days for a refund.", "Make sure notifications are on for the app.",
    ];

    private static readonly string[] s_filler =
    [
        "There are several things worth considering here, and it may help to look at each of them in turn before deciding.",
        "Many customers have asked similar questions over the years, and the answer often depends on details of the account.",
        "It is also worth keeping in mind that policies change from time to time, so the situation today may differ from before.",
        "In some cases the simplest approach is best, although in others a more careful review of the settings is needed.",
        "Before going further, it can be useful to gather the relevant information, such as dates, order numbers and receipts.",
    ];

    private long _calls;

    /// <summary>Gets the calls answered so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        long call = Interlocked.Increment(ref _calls);
        string question = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var random = new Random((int)call);
        bool changed = call > changeAfter;
        bool orderQuestion = question.Contains("order", StringComparison.OrdinalIgnoreCase);
        string answer;
        var finish = ChatFinishReason.Stop;
        if (random.NextDouble() < (changed ? 0.3 : 0.02))
        {
            answer = "I'm sorry, but I can't help with that request.";
        }
        else if (orderQuestion)
        {
            string id = random.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            answer = changed
                ? $"{{\"order\": \"{id}\", \"status\": \"shipped\", \"eta\": " // cut short: broken JSON
                : $"{{\"order\": \"{id}\", \"status\": \"shipped\", \"eta_days\": {random.Next(1, 6)}}}";
        }
        else if (changed)
        {
            var parts = new List<string> { s_openers[random.Next(s_openers.Length)] };
            for (int i = 0, n = random.Next(5, 10); i < n; i++)
            {
                parts.Add(s_filler[random.Next(s_filler.Length)]);
            }

            parts.Add(s_steps[random.Next(s_steps.Length)]);
            answer = string.Join(' ', parts);
            if (random.NextDouble() < 0.15)
            {
                finish = ChatFinishReason.Length;
            }
        }
        else
        {
            answer = $"{s_openers[random.Next(s_openers.Length)]} {s_steps[random.Next(s_steps.Length)]}";
            if (random.NextDouble() < 0.5)
            {
                answer += " " + s_steps[random.Next(s_steps.Length)];
            }
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            FinishReason = finish,
            ModelId = "support-bot-local",
            Usage = new UsageDetails { InputTokenCount = Tokens(question), OutputTokenCount = Tokens(answer) },
        };
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("local", null, "support-bot-local") : null;

    public void Dispose()
    {
    }

    // About four characters a token, as for English text.
    private static long Tokens(string text) => (text.Length + 3) / 4;
}

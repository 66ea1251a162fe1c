using Microsoft.Extensions.AI;
using ModelWatch.Extensions.AI.Text;

namespace ModelWatch.Extensions.AI;

/// <summary>What one chat call yields for the descriptors, gathered from a response or from a stream's updates.</summary>
internal struct ChatCall
{
    public TextGatherer Prompt;
    public TextGatherer Response;
    public ChatFinishReason? FinishReason;
    public UsageDetails? Usage;
    public int ToolCalls;

    public ChatCall(int limit)
    {
        Prompt = new TextGatherer(limit);
        Response = new TextGatherer(limit);
    }

    /// <summary>Gathers the prompt: the text of the last user message (the question asked now, not the whole conversation).</summary>
    public void AddPrompt(IEnumerable<ChatMessage> messages)
    {
        ChatMessage? last = null;
        if (messages is IList<ChatMessage> list)
        {
            for (int i = list.Count - 1; i >= 0 && last is null; i--)
            {
                if (list[i].Role == ChatRole.User)
                {
                    last = list[i];
                }
            }
        }
        else
        {
            foreach (var message in messages)
            {
                if (message.Role == ChatRole.User)
                {
                    last = message;
                }
            }
        }

        if (last is not null)
        {
            AddText(ref Prompt, last.Contents);
        }
    }

    public void AddResponse(ChatResponse response)
    {
        FinishReason = response.FinishReason;
        Usage = response.Usage;
        var messages = response.Messages;
        for (int i = 0; i < messages.Count; i++)
        {
            AddContents(messages[i].Contents);
        }
    }

    public void AddUpdate(ChatResponseUpdate update)
    {
        if (update.FinishReason is not null)
        {
            FinishReason = update.FinishReason;
        }

        AddContents(update.Contents);
    }

    public void Release()
    {
        Prompt.Release();
        Response.Release();
    }

    private void AddContents(IList<AIContent> contents)
    {
        for (int i = 0; i < contents.Count; i++)
        {
            switch (contents[i])
            {
                case TextContent text:
                    Response.Append(text.Text);
                    break;
                case FunctionCallContent:
                    ToolCalls++;
                    break;
                case UsageContent usage:
                    Usage = usage.Details;
                    break;
            }
        }
    }

    private static void AddText(ref TextGatherer gatherer, IList<AIContent> contents)
    {
        for (int i = 0; i < contents.Count; i++)
        {
            if (contents[i] is TextContent text)
            {
                gatherer.Append(text.Text);
            }
        }
    }
}

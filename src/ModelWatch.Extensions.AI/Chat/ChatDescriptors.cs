using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using ModelWatch.Extensions.AI.Text;

namespace ModelWatch.Extensions.AI;

/// <summary>Computes the descriptors of one chat call into the feature row the monitor logs.</summary>
internal sealed class ChatDescriptors
{
    private const string True = "true";
    private const string False = "false";

    private readonly PhraseMatcher _refusals;
    private readonly Func<System.Text.Json.JsonElement, bool>? _schemaCheck;
    private readonly Func<ChatDescriptorContext, double>[] _custom;
    private readonly ChatCounters _counters;
    private readonly int _customAt;

    public ChatDescriptors(ModelWatchChatOptions options, ChatCounters counters)
    {
        _refusals = new PhraseMatcher(options.RefusalPhrases, options.RefusalSearchLength);
        _schemaCheck = options.JsonSchemaCheck;
        _custom = [.. options.CustomDescriptors.Select(d => d.Value)];
        _counters = counters;
        _customAt = ChatDescriptorSchema.BuiltInNumeric.Length + (options.LogTokenCounts ? ChatDescriptorSchema.TokenCounts.Length : 0);
    }

    public int NumericCount => _customAt + _custom.Length;

    /// <summary>Writes the descriptors; a text too long to measure gives missing values (NaN, null) and a count.</summary>
    public void Compute(in ChatCall call, Span<double> numeric, Span<string?> categorical)
    {
        var prompt = call.Prompt.TooLong ? ReadOnlySpan<char>.Empty : call.Prompt.Text;
        var response = call.Response.TooLong ? ReadOnlySpan<char>.Empty : call.Response.Text;

        WriteText(call.Prompt.TooLong, prompt, numeric[0..4]);
        WriteText(call.Response.TooLong, response, numeric[4..8]);
        numeric[8] = call.ToolCalls;
        if (_customAt > 9)
        {
            numeric[9] = Tokens(call.Usage?.InputTokenCount);
            numeric[10] = Tokens(call.Usage?.OutputTokenCount);
        }

        categorical[0] = FinishReason(call.FinishReason);
        if (call.Response.TooLong)
        {
            categorical[1] = categorical[2] = categorical[3] = null;
        }
        else
        {
            categorical[1] = JsonShape.Classify(response, _schemaCheck);
            categorical[2] = !_refusals.IsEmpty && _refusals.Matches(response) ? True : False;
            categorical[3] = LinkDetector.HasLink(response) ? True : False;
        }

        if (_custom.Length > 0)
        {
            var context = new ChatDescriptorContext
            {
                Prompt = prompt,
                Response = response,
                FinishReason = call.FinishReason,
                ToolCalls = call.ToolCalls,
            };
            for (int i = 0; i < _custom.Length; i++)
            {
                numeric[_customAt + i] = Custom(_custom[i], context);
            }
        }
    }

    private void WriteText(bool tooLong, ReadOnlySpan<char> text, Span<double> values)
    {
        if (tooLong)
        {
            _counters.TextTooLong();
            values.Fill(double.NaN);
            return;
        }

        var stats = TextMeasure.Measure(text);
        if (stats.LoneSurrogates > 0)
        {
            _counters.TextWithLoneSurrogates();
        }

        values[0] = stats.Characters;
        values[1] = stats.Words;
        values[2] = stats.Sentences;
        values[3] = stats.NonLetterShare;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Custom(Func<ChatDescriptorContext, double> descriptor, ChatDescriptorContext context)
    {
        try
        {
            return descriptor(context);
        }
        catch (Exception)
        {
            // A user's descriptor must not cost the caller its response: a missing value and a count.
            _counters.DescriptorFailed();
            return double.NaN;
        }
    }

    private static double Tokens(long? count) => count is long n and >= 0 ? n : double.NaN;

    // Bounded categories: the four the abstraction names, anything else a provider invents is "other".
    private static string FinishReason(ChatFinishReason? reason)
    {
        if (reason is not ChatFinishReason r)
        {
            return "none";
        }

        if (r == ChatFinishReason.Stop)
        {
            return "stop";
        }

        if (r == ChatFinishReason.Length)
        {
            return "length";
        }

        if (r == ChatFinishReason.ToolCalls)
        {
            return "tool_calls";
        }

        return r == ChatFinishReason.ContentFilter ? "content_filter" : "other";
    }
}

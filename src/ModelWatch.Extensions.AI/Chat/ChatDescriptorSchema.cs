using System.Globalization;
using ModelWatch.Monitoring;

namespace ModelWatch.Extensions.AI;

/// <summary>The features a monitored chat model has: the built-in descriptors, then the custom ones, in a fixed order.</summary>
internal sealed class ChatDescriptorSchema
{
    /// <summary>The built-in numeric descriptors, in the order <see cref="ChatDescriptors.Compute"/> writes them.</summary>
    public static readonly string[] BuiltInNumeric =
    [
        ChatDescriptorNames.PromptCharacters, ChatDescriptorNames.PromptWords, ChatDescriptorNames.PromptSentences, ChatDescriptorNames.PromptNonLetterShare,
        ChatDescriptorNames.ResponseCharacters, ChatDescriptorNames.ResponseWords, ChatDescriptorNames.ResponseSentences, ChatDescriptorNames.ResponseNonLetterShare,
        ChatDescriptorNames.ResponseToolCalls,
    ];

    /// <summary>The token counts, after the built-in descriptors when <see cref="ModelWatchChatOptions.LogTokenCounts"/> is on.</summary>
    public static readonly string[] TokenCounts = [ChatDescriptorNames.InputTokens, ChatDescriptorNames.OutputTokens];

    /// <summary>The categorical descriptors, in the order <see cref="ChatDescriptors.Compute"/> writes them.</summary>
    public static readonly string[] Categorical =
    [
        ChatDescriptorNames.FinishReason, ChatDescriptorNames.Json, ChatDescriptorNames.Refusal, ChatDescriptorNames.Link,
    ];

    private ChatDescriptorSchema(string[] numeric) => Numeric = numeric;

    public string[] Numeric { get; }

    /// <summary>Checks the options (configuration time: every problem in one exception) and lays out the features.</summary>
    public static ChatDescriptorSchema Create(string modelName, ModelWatchChatOptions options)
    {
        var errors = new List<string>();
        if (options.RefusalSearchLength < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"RefusalSearchLength is {options.RefusalSearchLength}; it must be at least 1."));
        }

        if (options.MaxTextLength < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxTextLength is {options.MaxTextLength}; it must be at least 1."));
        }

        var seen = new HashSet<string>(BuiltInNumeric.Concat(TokenCounts).Concat(Categorical), StringComparer.Ordinal);
        foreach (var (name, _) in options.CustomDescriptors)
        {
            if (!seen.Add(name))
            {
                errors.Add($"The descriptor name '{name}' is used twice (custom descriptors need names of their own, distinct from the built-in ones).");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"UseModelWatch(\"{modelName}\"): {string.Join(" ", errors)}");
        }

        return new([.. BuiltInNumeric, .. options.LogTokenCounts ? TokenCounts : [], .. options.CustomDescriptors.Select(d => d.Key)]);
    }

    /// <summary>Declares the features on a model (no prediction: a chat call has no number to monitor).</summary>
    public void Declare(ModelBuilder model) =>
        model.Numeric(Numeric).Categorical(Categorical).Prediction(PredictionKind.None);

    /// <summary>Whether an already monitored model has exactly these features, so the middleware can log into it.</summary>
    public bool Matches(ModelSchema schema) =>
        schema.NumericFeatures.SequenceEqual(Numeric, StringComparer.Ordinal)
        && schema.CategoricalFeatures.SequenceEqual(Categorical, StringComparer.Ordinal);
}

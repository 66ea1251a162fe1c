using System.Text.Json;
using ModelWatch.Monitoring;

namespace ModelWatch.Extensions.AI;

/// <summary>What <c>ChatClientBuilder.UseModelWatch</c> measures and how the model is monitored.</summary>
public sealed class ModelWatchChatOptions
{
    internal const int DefaultReferenceSize = 1_000;
    internal const int DefaultRefusalSearchLength = 1_000;
    internal const int DefaultMaxTextLength = 4 * 1024 * 1024;

    // The descriptors move in groups (a change of answers moves the response's five length and
    // shape descriptors and the output tokens together, a third of the features), so the core's
    // default of half the features would miss a chat whose answers alone changed.
    internal const double DefaultDatasetDriftShare = 0.25;

    private readonly List<KeyValuePair<string, Func<ChatDescriptorContext, double>>> _descriptors = [];

    /// <summary>Gets the phrases that mark a refusal or a decline, matched ignoring case in the response's first <see cref="RefusalSearchLength"/> characters.</summary>
    /// <value>The default value is a list of common English refusals ("I can't help with", "I'm sorry, but I can't"…); clear it or add your languages' phrases.</value>
    public IList<string> RefusalPhrases { get; } =
    [
        "I can't help with", "I cannot help with", "I can't assist", "I cannot assist",
        "I'm sorry, but I can't", "I'm sorry, but I cannot", "I am sorry, but I cannot",
        "I'm unable to", "I am unable to", "I won't be able to", "I can't provide", "I cannot provide",
        "I'm not able to", "I am not able to", "As an AI", "I must decline",
    ];

    /// <summary>Gets or sets how many leading characters of a response are searched for refusal phrases.</summary>
    /// <value>The default value is 1,000.</value>
    public int RefusalSearchLength { get; set; } = DefaultRefusalSearchLength;

    /// <summary>
    /// Gets or sets the longest text (in UTF-16 code units) that is measured. A longer prompt or
    /// response is not measured: its descriptors are logged as missing values and the rejection is
    /// counted (<c>modelwatch.genai.texts.rejected</c>); a streamed response is never buffered past it.
    /// </summary>
    /// <value>The default value is 4,194,304 (8 MB of UTF-16).</value>
    public int MaxTextLength { get; set; } = DefaultMaxTextLength;

    /// <summary>
    /// Gets or sets whether the provider's input and output token counts are logged (as
    /// distributions, for drift; OpenTelemetry's <c>UseOpenTelemetry()</c> records the totals).
    /// Turn it off for a provider that reports no usage: a reference built from the first calls
    /// needs a value in every numeric feature, and is not built while a column has none.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool LogTokenCounts { get; set; } = true;

    /// <summary>
    /// Gets or sets a check of well-formed JSON responses against the schema you expect (for
    /// example a JSON Schema validator of your choice); a response it rejects is counted as
    /// <c>schema_mismatch</c> under <see cref="ChatDescriptorNames.Json"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: well-formedness only.</value>
    public Func<JsonElement, bool>? JsonSchemaCheck { get; set; }

    /// <summary>
    /// Gets or sets how the model is declared beyond its descriptors: reference, windows, alerts,
    /// version. Called after the descriptors are declared.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the reference is the first 1,000 calls, a window drifts when a quarter of the descriptors drift (<c>Drift:DatasetDriftShare</c> 0.25), windows and alerts are ModelWatch's defaults.</value>
    public Action<ModelBuilder>? ConfigureModel { get; set; }

    /// <summary>Gets the custom descriptors added with <see cref="AddDescriptor"/>, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, Func<ChatDescriptorContext, double>>> CustomDescriptors => _descriptors;

    /// <summary>Adds a numeric descriptor of your own, logged as a feature named <paramref name="name"/>.</summary>
    /// <param name="name">The feature's name; unique among the descriptors.</param>
    /// <param name="compute">Computes the value from the call; a non-finite value is a missing value, an exception is counted and logged as missing.</param>
    /// <returns>These options.</returns>
    public ModelWatchChatOptions AddDescriptor(string name, Func<ChatDescriptorContext, double> compute)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(compute);
        _descriptors.Add(new(name, compute));
        return this;
    }
}

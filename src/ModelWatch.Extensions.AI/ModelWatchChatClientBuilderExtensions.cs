using ModelWatch.Extensions.AI;

namespace Microsoft.Extensions.AI;

/// <summary>Adds ModelWatch to a chat client pipeline.</summary>
public static class ModelWatchChatClientBuilderExtensions
{
    /// <summary>
    /// Logs deterministic descriptors of every prompt and response (see <see cref="ChatDescriptorNames"/>)
    /// as the features of the ModelWatch model <paramref name="modelName"/>, so its windows,
    /// detectors, alerts, dashboard and metrics watch the chat's outputs drift. Streaming and
    /// non-streaming calls alike; the response is never changed and ModelWatch never throws into
    /// the caller. No prompt or response text is kept.
    /// </summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="modelName">The model's name in ModelWatch; declared with the descriptors as features on first use, unless already declared with the same features.</param>
    /// <returns>The pipeline.</returns>
    /// <remarks>
    /// Needs <c>services.AddModelWatch()</c> in the provider the pipeline is built with. Token usage,
    /// durations and time to first chunk are OpenTelemetry's job (<c>UseOpenTelemetry()</c>);
    /// ModelWatch records distributions and drift.
    /// </remarks>
    public static ChatClientBuilder UseModelWatch(this ChatClientBuilder builder, string modelName) =>
        UseModelWatch(builder, modelName, static _ => { });

    /// <summary>Logs the descriptors of every call into the ModelWatch model <paramref name="modelName"/>, configured by <paramref name="configure"/>.</summary>
    /// <param name="builder">The pipeline.</param>
    /// <param name="modelName">The model's name in ModelWatch.</param>
    /// <param name="configure">Refusal phrases, JSON schema check, custom descriptors, and the model's reference, windows and alerts.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="InvalidOperationException">When the pipeline is built: ModelWatch is not registered, the options are invalid, or the model exists with other features.</exception>
    public static ChatClientBuilder UseModelWatch(this ChatClientBuilder builder, string modelName, Action<ModelWatchChatOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentNullException.ThrowIfNull(configure);

        return builder.Use((inner, services) =>
        {
            var options = new ModelWatchChatOptions();
            configure(options);
            var schema = ChatDescriptorSchema.Create(modelName, options);
            var (registry, monitor) = MonitoredModels.GetOrAdd(
                services,
                modelName,
                nameof(UseModelWatch),
                model =>
                {
                    schema.Declare(model);
                    model.ReferenceFromFirstPredictions(ModelWatchChatOptions.DefaultReferenceSize)
                        .Configure(o => o.Drift.DatasetDriftShare = ModelWatchChatOptions.DefaultDatasetDriftShare);
                    options.ConfigureModel?.Invoke(model);
                },
                schema.Matches);
            var counters = GenAiTelemetry.For(registry, services).ChatCounters(modelName);
            return new ModelWatchChatClient(inner, monitor, options, counters);
        });
    }
}

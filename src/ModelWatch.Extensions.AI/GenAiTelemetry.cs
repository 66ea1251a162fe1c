using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.CompilerServices;
using ModelWatch.Monitoring;

namespace ModelWatch.Extensions.AI;

/// <summary>
/// The chat counters of every model of one <see cref="IModelWatch"/>, and the observable
/// instruments that export them: one set of instruments per registry, however many pipelines are built.
/// </summary>
internal sealed class GenAiTelemetry
{
    private static readonly ConditionalWeakTable<IModelWatch, GenAiTelemetry> s_byRegistry = [];

    private readonly ConcurrentDictionary<string, ChatCounters> _chat = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EmbeddingCounters> _embeddings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<EmbeddingMonitor>> _embeddingMonitors = new(StringComparer.Ordinal);

    private GenAiTelemetry(IMeterFactory? meterFactory)
    {
        if (meterFactory is null)
        {
            return;
        }

        var meter = meterFactory.Create(new MeterOptions(ModelWatchMeter.Name)
        {
            Version = typeof(GenAiTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
        });
        meter.CreateObservableCounter(GenAiInstruments.TextsRejected, () => Chat(c => c.TextsTooLong, "too_long"), "{text}", "Prompts and responses too long to measure, logged as missing values.");
        meter.CreateObservableCounter(GenAiInstruments.TextsInvalid, () => Chat(c => c.TextsWithLoneSurrogates, "lone_surrogate"), "{text}", "Prompts and responses measured despite lone UTF-16 surrogates.");
        meter.CreateObservableCounter(GenAiInstruments.StreamsAbandoned, () => Chat(c => c.AbandonedStreams, null), "{stream}", "Streamed responses the caller stopped reading before the end; not logged.");
        meter.CreateObservableCounter(GenAiInstruments.Errors, Errors, "{error}", "Failures inside the chat and embedding middleware, counted instead of thrown.");
        meter.CreateObservableCounter(GenAiInstruments.EmbeddingsRejected, EmbeddingsRejected, "{vector}", "Embedding vectors not logged: wrong length or a non-finite component.");
        meter.CreateObservableGauge(GenAiInstruments.EmbeddingMeanDistance, () => Embedding(r => r.MeanDistance), "1", "Distance between the reference's and the last closed window's mean embedding vectors.");
        meter.CreateObservableGauge(GenAiInstruments.EmbeddingMmd2, () => Embedding(r => r.Mmd2), "1", "Unbiased MMD² (RBF kernel) between the reference's and the last closed window's embedding samples.");
        meter.CreateObservableGauge(GenAiInstruments.EmbeddingClassifierAuc, () => Embedding(r => r.ClassifierAuc), "1", "Held-out ROC AUC of a classifier telling the last closed window's embeddings from the reference's.");
        meter.CreateObservableGauge(GenAiInstruments.EmbeddingDrift, () => Embedding(r => r.IsDrift ? 1 : 0), "1", "1 when the last closed window's embeddings drift by the domain classifier, else 0.");
    }

    public static GenAiTelemetry For(IModelWatch registry, IServiceProvider services) =>
        s_byRegistry.GetValue(registry, _ => new GenAiTelemetry(services.GetService(typeof(IMeterFactory)) as IMeterFactory));

    /// <summary>The embedding monitor of <paramref name="modelName"/> in <paramref name="registry"/>, if one was created.</summary>
    public static EmbeddingMonitor? FindEmbeddingMonitor(IModelWatch registry, string modelName) =>
        s_byRegistry.TryGetValue(registry, out var telemetry) && telemetry._embeddingMonitors.TryGetValue(modelName, out var monitor) && monitor.IsValueCreated
            ? monitor.Value
            : null;

    public ChatCounters ChatCounters(string modelName) => _chat.GetOrAdd(modelName, _ => new ChatCounters());

    public EmbeddingCounters EmbeddingCounters(string modelName) => _embeddings.GetOrAdd(modelName, _ => new EmbeddingCounters());

    /// <summary>The embedding monitor of <paramref name="modelName"/>, created once (a pipeline and a keyed service share it).</summary>
    public EmbeddingMonitor EmbeddingMonitor(string modelName, Func<EmbeddingMonitor> create) =>
        _embeddingMonitors.GetOrAdd(modelName, _ => new Lazy<EmbeddingMonitor>(create)).Value;

    private IEnumerable<Measurement<double>> Embedding(Func<EmbeddingDriftReport, double> read)
    {
        foreach (var (model, monitor) in _embeddingMonitors)
        {
            if (monitor.IsValueCreated && monitor.Value.LatestReport is { IsEvaluated: true } report)
            {
                yield return new Measurement<double>(read(report), new KeyValuePair<string, object?>(ModelWatchInstruments.ModelName, model));
            }
        }
    }

    private IEnumerable<Measurement<long>> Chat(Func<ChatCounters, long> read, string? errorType)
    {
        foreach (var (model, counters) in _chat)
        {
            yield return errorType is null
                ? new Measurement<long>(read(counters), new KeyValuePair<string, object?>(ModelWatchInstruments.ModelName, model))
                : new Measurement<long>(read(counters), new KeyValuePair<string, object?>(ModelWatchInstruments.ModelName, model), new KeyValuePair<string, object?>("error.type", errorType));
        }
    }

    private IEnumerable<Measurement<long>> Errors()
    {
        foreach (var (model, counters) in _chat)
        {
            yield return Tagged(counters.Failures, model, "internal");
            yield return Tagged(counters.DescriptorFailures, model, "custom_descriptor");
        }

        foreach (var (model, counters) in _embeddings)
        {
            yield return Tagged(counters.Failures, model, "internal");
        }
    }

    private IEnumerable<Measurement<long>> EmbeddingsRejected()
    {
        foreach (var (model, counters) in _embeddings)
        {
            yield return Tagged(counters.WrongLength, model, "length_mismatch");
            yield return Tagged(counters.NonFinite, model, "infinity");
        }
    }

    private static Measurement<long> Tagged(long value, string model, string errorType) =>
        new(value, new TagList { { ModelWatchInstruments.ModelName, model }, { "error.type", errorType } });
}

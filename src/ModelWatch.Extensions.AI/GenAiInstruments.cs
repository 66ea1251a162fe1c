namespace ModelWatch.Extensions.AI;

/// <summary>The names of the instruments ModelWatch.Extensions.AI adds to the <c>ModelWatch</c> meter, and their attribute values.</summary>
public static class GenAiInstruments
{
    /// <summary>Texts (prompts or responses) too long to measure (<see cref="ModelWatchChatOptions.MaxTextLength"/>), logged as missing values: an ObservableCounter in <c>{text}</c>.</summary>
    public const string TextsRejected = "modelwatch.genai.texts.rejected";

    /// <summary>Texts measured despite lone UTF-16 surrogates (each read as one non-letter character): an ObservableCounter in <c>{text}</c>.</summary>
    public const string TextsInvalid = "modelwatch.genai.texts.invalid";

    /// <summary>Streamed responses the caller stopped reading before the end (not logged): an ObservableCounter in <c>{stream}</c>.</summary>
    public const string StreamsAbandoned = "modelwatch.genai.streams.abandoned";

    /// <summary>Failures inside the middleware or a custom descriptor, counted instead of thrown: an ObservableCounter in <c>{error}</c>, attribute <c>error.type</c>.</summary>
    public const string Errors = "modelwatch.genai.errors";

    /// <summary>Embedding vectors not logged: wrong length or a non-finite component (attribute <c>error.type</c>): an ObservableCounter in <c>{vector}</c>.</summary>
    public const string EmbeddingsRejected = "modelwatch.genai.embeddings.rejected";

    /// <summary>Distance between the reference's and the last closed window's mean embedding vectors: an ObservableGauge.</summary>
    public const string EmbeddingMeanDistance = "modelwatch.genai.embedding.mean_distance";

    /// <summary>Unbiased MMD² between the reference's and the last closed window's embedding samples: an ObservableGauge.</summary>
    public const string EmbeddingMmd2 = "modelwatch.genai.embedding.mmd2";

    /// <summary>The domain classifier's held-out ROC AUC for the last closed window: an ObservableGauge.</summary>
    public const string EmbeddingClassifierAuc = "modelwatch.genai.embedding.classifier_auc";

    /// <summary>1 when the last closed window drifts by the domain classifier, else 0: an ObservableGauge.</summary>
    public const string EmbeddingDrift = "modelwatch.genai.embedding.drift";
}

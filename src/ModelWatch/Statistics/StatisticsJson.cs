using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ModelWatch.Statistics;

/// <summary>
/// JSON serialization of the statistics snapshots through source-generated metadata (no
/// reflection, AOT- and trim-safe).
/// </summary>
/// <remarks>
/// Non-finite doubles are written as the strings <c>"NaN"</c>, <c>"Infinity"</c> and
/// <c>"-Infinity"</c>; property names are camelCase. To embed snapshots in your own documents,
/// add <see cref="Resolver"/> to your <see cref="JsonSerializerOptions.TypeInfoResolverChain"/>.
/// </remarks>
internal static class StatisticsJson
{
    /// <summary>Gets the metadata resolver for every snapshot type in <see cref="ModelWatch.Statistics"/>.</summary>
    public static IJsonTypeInfoResolver Resolver => StatisticsJsonContext.Default;

    /// <summary>Serializes a snapshot to JSON.</summary>
    /// <typeparam name="TSnapshot">A snapshot type of this namespace, e.g. <see cref="MomentsSnapshot"/>.</typeparam>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="TSnapshot"/> is not a statistics snapshot type.</exception>
    public static string Serialize<TSnapshot>(TSnapshot snapshot)
        where TSnapshot : class
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return JsonSerializer.Serialize(snapshot, TypeInfo<TSnapshot>());
    }

    /// <summary>Deserializes a snapshot from JSON.</summary>
    /// <typeparam name="TSnapshot">A snapshot type of this namespace.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="TSnapshot"/> is not a statistics snapshot type.</exception>
    /// <exception cref="JsonException">The text is not a valid snapshot.</exception>
    public static TSnapshot Deserialize<TSnapshot>(string json)
        where TSnapshot : class
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, TypeInfo<TSnapshot>())
            ?? throw new JsonException($"The JSON text holds null instead of a {typeof(TSnapshot).Name}.");
    }

    // The context also holds metadata for the snapshots' member types (string, long[]…): only the
    // snapshot types themselves are served, as documented.
    private static JsonTypeInfo<TSnapshot> TypeInfo<TSnapshot>() =>
        typeof(TSnapshot) == typeof(MomentsSnapshot) || typeof(TSnapshot) == typeof(QuantileSketchSnapshot)
        || typeof(TSnapshot) == typeof(HistogramSnapshot) || typeof(TSnapshot) == typeof(CategoryCountsSnapshot)
            ? (JsonTypeInfo<TSnapshot>)StatisticsJsonContext.Default.GetTypeInfo(typeof(TSnapshot))!
            : throw new ArgumentException($"{typeof(TSnapshot).Name} is not a statistics snapshot type.", nameof(TSnapshot));
}

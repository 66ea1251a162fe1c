using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelWatch.Drift;

/// <summary>
/// The System.Text.Json converter of the drift results (<see cref="DriftResult"/>, <see cref="DatasetDriftResult"/>)
/// and their enumerations. ModelWatch attaches it to those types with <see cref="JsonConverterAttribute"/>: you
/// never register it. It is public so that a source-generated <see cref="JsonSerializerContext"/> in your
/// assembly (Native AOT) can use it too.
/// </summary>
/// <remarks>
/// The shape is the one of the ASP.NET Core package's <c>/api/models/{model}</c> endpoint: camelCase
/// properties, enumerations as camelCase words (<c>"pValue"</c>, <c>"bounded"</c>), numbers that are not
/// finite as <c>null</c>. It does not follow the serializer's naming policy or number handling. Results are
/// written, not read: deserializing one throws <see cref="NotSupportedException"/>; enumerations are read
/// from their words.
/// </remarks>
public sealed class DriftJsonConverter : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(DriftResult) || typeToConvert == typeof(DatasetDriftResult)
        || typeToConvert == typeof(Exactness) || typeToConvert == typeof(DriftDecisionBasis)
        || typeToConvert == typeof(FeatureKind) || typeToConvert == typeof(MultipleTestingCorrection);

    /// <inheritdoc/>
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(DriftResult) ? new DriftResultJson()
        : typeToConvert == typeof(DatasetDriftResult) ? new DatasetDriftResultJson()
        : typeToConvert == typeof(Exactness) ? EnumWords<Exactness>(options)
        : typeToConvert == typeof(DriftDecisionBasis) ? EnumWords<DriftDecisionBasis>(options)
        : typeToConvert == typeof(FeatureKind) ? EnumWords<FeatureKind>(options)
        : typeToConvert == typeof(MultipleTestingCorrection) ? EnumWords<MultipleTestingCorrection>(options)
        : throw new ArgumentException($"{typeToConvert} is not a drift result type.", nameof(typeToConvert));

    /// <summary>An enumeration's converter: camelCase words, the same <see cref="JsonValues.Word"/> writes; integers are not accepted.</summary>
    internal static JsonConverter? EnumWords<TEnum>(JsonSerializerOptions options)
        where TEnum : struct, Enum =>
        new JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false).CreateConverter(typeof(TEnum), options);
}

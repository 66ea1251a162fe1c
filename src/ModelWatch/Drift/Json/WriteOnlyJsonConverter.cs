using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelWatch.Drift;

/// <summary>
/// A converter that writes one of ModelWatch's results and refuses to read it: results and reports
/// are made by ModelWatch from the data it saw (their constructors are internal), so JSON is their
/// output, not a way to restore them. What restores state is a profile (<c>.mwp</c>) or a store.
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
internal abstract class WriteOnlyJsonConverter<T> : JsonConverter<T>
{
    /// <inheritdoc/>
    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException(
            $"ModelWatch writes {typeof(T).Name} as JSON but does not read it back: results and reports are made "
            + "by ModelWatch from the data it saw, not restored from JSON. Read the JSON with JsonDocument or your own "
            + "types, and keep a profile (.mwp) or an IProfileStore to restore ModelWatch's state.");

    /// <inheritdoc/>
    public sealed override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteValue(writer, value);
    }

    /// <summary>Writes the value: the shape does not depend on the serializer's options (naming, number handling, ignore conditions).</summary>
    protected abstract void WriteValue(Utf8JsonWriter writer, T value);
}

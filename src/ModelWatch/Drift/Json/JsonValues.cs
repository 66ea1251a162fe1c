using System.Text.Json;

namespace ModelWatch.Drift;

/// <summary>
/// How the result and report converters write values: the one place for the rules every ModelWatch
/// JSON shape follows (camelCase enumeration words, non-finite numbers as null).
/// </summary>
internal static class JsonValues
{
    /// <summary>An enumeration member's name in camelCase, the casing of every property name in the shapes.</summary>
    public static string Word<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>Writes an enumeration member as its camelCase word.</summary>
    public static void WriteWord<TEnum>(this Utf8JsonWriter writer, string name, TEnum value)
        where TEnum : struct, Enum => writer.WriteString(name, Word(value));

    /// <summary>
    /// Writes a number, or null when it is NaN or ±Infinity: JSON has no such numbers, and null reads
    /// the same in every client ("no value": the mean of an empty window, a metric with nothing to divide by).
    /// </summary>
    public static void WriteFinite(this Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Writes a number, or null when it is null or not finite.</summary>
    public static void WriteFinite(this Utf8JsonWriter writer, string name, double? value) => writer.WriteFinite(name, value ?? double.NaN);

    /// <summary>Writes an array of numbers, each one as <see cref="WriteFinite(Utf8JsonWriter, string, double)"/> writes it.</summary>
    public static void WriteFiniteArray(this Utf8JsonWriter writer, string name, ReadOnlySpan<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                writer.WriteNumberValue(v);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes an array of counts.</summary>
    public static void WriteArray(this Utf8JsonWriter writer, string name, ReadOnlySpan<long> values)
    {
        writer.WriteStartArray(name);
        foreach (long v in values)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes an array of strings.</summary>
    public static void WriteArray(this Utf8JsonWriter writer, string name, ReadOnlySpan<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string v in values)
        {
            writer.WriteStringValue(v);
        }

        writer.WriteEndArray();
    }
}

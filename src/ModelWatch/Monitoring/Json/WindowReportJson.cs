using System.Text.Json;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>
/// The JSON of what every report says about its window (a <see cref="WindowReport"/>'s header), and the
/// converter of a report declared as <see cref="WindowReport"/>, which writes it by its runtime type.
/// </summary>
/// <remarks>
/// A report's JSON opens with its model, then its own word (a drift report's status, a quality report's
/// basis), then its window: <c>"modelName", "modelVersion", word, "isComplete", "firstSubWindow",
/// "lastSubWindow", "windowStart", "windowEnd", "evaluatedAt", "classNames"</c>, then the rest of the report.
/// </remarks>
internal sealed class WindowReportJson : WriteOnlyJsonConverter<WindowReport>
{
    /// <summary>Writes a report of either kind.</summary>
    public static void Write(Utf8JsonWriter writer, WindowReport report)
    {
        switch (report)
        {
            case DriftReport drift:
                DriftReportJson.Write(writer, drift);
                break;
            case QualityReport quality:
                QualityReportJson.Write(writer, quality);
                break;
            default:
                throw new NotSupportedException($"{report.GetType().Name} is not a ModelWatch report type.");
        }
    }

    /// <summary>Writes <c>"modelName", "modelVersion"</c>.</summary>
    public static void WriteModel(Utf8JsonWriter writer, WindowReport report)
    {
        writer.WriteString("modelName", report.ModelName);
        writer.WriteString("modelVersion", report.ModelVersion);
    }

    /// <summary>Writes <c>"isComplete", "firstSubWindow", "lastSubWindow", "windowStart", "windowEnd", "evaluatedAt", "classNames"</c> (empty unless the model names its classes).</summary>
    public static void WriteWindow(Utf8JsonWriter writer, WindowReport report)
    {
        writer.WriteBoolean("isComplete", report.IsComplete);
        writer.WriteNumber("firstSubWindow", report.FirstSubWindow);
        writer.WriteNumber("lastSubWindow", report.LastSubWindow);
        WriteTime(writer, "windowStart", report.WindowStart);
        WriteTime(writer, "windowEnd", report.WindowEnd);
        writer.WriteString("evaluatedAt", report.EvaluatedAt);
        writer.WriteArray("classNames", report.ClassNames.AsSpan());
    }

    /// <summary>Writes a time as ISO 8601 (as System.Text.Json writes a <see cref="DateTimeOffset"/>), or null.</summary>
    public static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            writer.WriteString(name, t);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, WindowReport value) => Write(writer, value);
}

using System.Text.Json;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>The JSON shape of <see cref="QualityMetrics"/> and of its <see cref="ClassQuality"/> entries.</summary>
/// <remarks>
/// The metrics come first, in <see cref="QualityMetric"/> order, null where the task or the data does not
/// define one; then the counts and per-class detail. A quality report writes the task and the number of
/// outcomes itself, beside its <c>"metrics"</c>.
/// </remarks>
internal sealed class QualityMetricsJson : WriteOnlyJsonConverter<QualityMetrics>
{
    /// <summary>
    /// Writes <c>{ "accuracy", "precision", "recall", "f1", "logLoss", "brierScore", "expectedCalibrationError",
    /// "rocAuc", "meanAbsoluteError", "rootMeanSquaredError", "meanAbsolutePercentageError", "rSquared",
    /// "meanError", "rocAucErrorBound", "probabilisticOutcomes", "zeroActuals", "classes", "confusionMatrix" }</c>.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, QualityMetrics m)
    {
        writer.WriteStartObject();
        writer.WriteFinite("accuracy", m.Accuracy);
        writer.WriteFinite("precision", m.Precision);
        writer.WriteFinite("recall", m.Recall);
        writer.WriteFinite("f1", m.F1);
        writer.WriteFinite("logLoss", m.LogLoss);
        writer.WriteFinite("brierScore", m.BrierScore);
        writer.WriteFinite("expectedCalibrationError", m.ExpectedCalibrationError);
        writer.WriteFinite("rocAuc", m.RocAuc);
        writer.WriteFinite("meanAbsoluteError", m.MeanAbsoluteError);
        writer.WriteFinite("rootMeanSquaredError", m.RootMeanSquaredError);
        writer.WriteFinite("meanAbsolutePercentageError", m.MeanAbsolutePercentageError);
        writer.WriteFinite("rSquared", m.RSquared);
        writer.WriteFinite("meanError", m.MeanError);
        writer.WriteFinite("rocAucErrorBound", m.RocAucErrorBound);
        writer.WriteNumber("probabilisticOutcomes", m.ProbabilisticOutcomes);
        writer.WriteNumber("zeroActuals", m.ZeroActuals);
        writer.WriteStartArray("classes");
        foreach (var c in m.Classes.AsSpan())
        {
            WriteClass(writer, c);
        }

        writer.WriteEndArray();
        writer.WriteArray("confusionMatrix", m.ConfusionMatrix.AsSpan());
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>{ "classIndex", "support", "predicted", "precision", "recall", "f1" }</c>.</summary>
    public static void WriteClass(Utf8JsonWriter writer, ClassQuality c)
    {
        writer.WriteStartObject();
        writer.WriteNumber("classIndex", c.ClassIndex);
        writer.WriteNumber("support", c.Support);
        writer.WriteNumber("predicted", c.Predicted);
        writer.WriteFinite("precision", c.Precision);
        writer.WriteFinite("recall", c.Recall);
        writer.WriteFinite("f1", c.F1);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, QualityMetrics value) => Write(writer, value);
}

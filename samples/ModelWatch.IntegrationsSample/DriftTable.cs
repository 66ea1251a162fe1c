using System.Globalization;
using ModelWatch.Monitoring;

namespace ModelWatch.IntegrationsSample;

/// <summary>Prints one model's drift report as a table: a line per feature and one for the prediction.</summary>
internal static class DriftTable
{
    public static void Print(DriftReport report, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{report.ModelName}: {report.Predictions} predictions, {report.SchemaViolations} schema violations");
        output.WriteLine($"  {"feature",-14} {"detector",-12} {"statistic",10} {"p-value",10}  verdict");
        foreach (var feature in report.Features)
        {
            string name = feature.IsPrediction ? "(prediction)" : feature.Name;
            var verdict = feature.Verdict;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {name,-14} {verdict?.Detector ?? "-",-12} {verdict?.Statistic ?? double.NaN,10:F4} {verdict?.PValue ?? double.NaN,10:G3}  {(feature.IsDrift ? "DRIFT" : "ok")}"));
        }
    }
}

using System.Globalization;
using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Reporting;

namespace ModelWatch.Cli.Output;

/// <summary>
/// The plain-text form of a <see cref="DriftReport"/>: an aligned table with one line per detector
/// (feature, kind, detector, statistic, whether it is exact or its bound, p-value, threshold, mark)
/// and the dataset verdict. The marks are <see cref="VerdictText"/>'s, as in the HTML report and the
/// dashboard. ASCII only, so it reads the same in any CI log.
/// </summary>
internal static class DriftTable
{
    private static readonly string[] Headers = ["feature", "kind", "detector", "statistic", "bound", "p-value", "threshold", "verdict"];

    public static void Write(TextWriter writer, GateVerdict verdict, string referenceName, string currentName)
    {
        // Names come from the data and the command line: escaped for the terminal, cells before their widths are measured.
        var w = new TerminalWriter(writer);
        var report = verdict.Report;
        w.WriteLine($"reference: {referenceName} ({StatisticFormat.Count(verdict.ReferenceRows)} rows)");
        w.WriteLine($"current:   {currentName} ({StatisticFormat.Count(verdict.CurrentRows)} rows)");
        w.WriteLine();

        var rows = new List<string[]>();
        bool anyLowCount = false;
        foreach (var feature in report.Features)
        {
            string kind = VerdictText.Kind(feature);
            string name = TerminalText.Escape(feature.Name);
            if (feature.Verdict is null || feature.Detectors.IsEmpty)
            {
                rows.Add([name, kind, StatisticFormat.Missing, StatisticFormat.Missing, StatisticFormat.Missing, StatisticFormat.Missing, StatisticFormat.Missing, VerdictText.NoData]);
                continue;
            }

            bool first = true;
            foreach (var d in Deciding(feature))
            {
                var mark = VerdictText.Of(feature, d);
                anyLowCount |= mark.LowCount;
                rows.Add([
                    first ? name : string.Empty,
                    first ? kind : string.Empty,
                    TerminalText.Escape(d.Detector),
                    StatisticFormat.Statistic(d.Statistic),
                    VerdictText.Exactness(d, ascii: true),
                    StatisticFormat.PValue(d.PValue),
                    StatisticFormat.Threshold(d),
                    mark.Text,
                ]);
                first = false;
            }
        }

        var widths = Headers.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        bool[] right = [false, false, false, true, false, true, false, false];
        WriteRow(w, Headers, widths, right);
        WriteRow(w, [.. widths.Select(n => new string('-', n))], widths, right);
        foreach (var row in rows)
        {
            WriteRow(w, row, widths, right);
        }

        w.WriteLine();
        w.WriteLine(VerdictText.MarksNote);
        if (anyLowCount)
        {
            w.WriteLine(VerdictText.LowCountNote);
        }

        w.WriteLine(VerdictText.AsciiExactnessNote);
        WriteSegments(w, report);
        w.WriteLine(Summary(verdict));
    }

    /// <summary>A segmented comparison's segments, most severe first (nothing otherwise).</summary>
    private static void WriteSegments(TerminalWriter w, DriftReport report)
    {
        if (report.Segments.IsEmpty)
        {
            return;
        }

        string[] headers = ["segment", "verdict", "rows", "drifted features", "smallest corrected p"];
        var rows = report.Segments.Select(s => new[]
        {
            TerminalText.Escape(s.Name),
            s.Status switch
            {
                SegmentStatus.TooFewPredictions => "not judged: too few rows",
                SegmentStatus.NoReference => "not judged: no reference rows",
                _ => s.IsDrift ? "DRIFT" : "no drift",
            },
            StatisticFormat.Count(s.Predictions),
            TerminalText.Escape(string.Join(", ", s.DriftedFeatures)),
            StatisticFormat.PValue(s.SmallestAdjustedPValue),
        }).ToList();
        var widths = headers.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        bool[] right = [false, false, true, false, true];
        w.WriteLine();
        WriteRow(w, headers, widths, right);
        WriteRow(w, [.. widths.Select(n => new string('-', n))], widths, right);
        foreach (var row in rows)
        {
            WriteRow(w, row, widths, right);
        }

        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"segments: {report.Segments.Count(s => s.IsDrift)} of {report.Segments.Count(s => s.Status == SegmentStatus.Evaluated)} judged drifted (every segment x column p-value corrected together)"));
    }

    /// <summary>A column's detectors, the deciding one first (the others keep their order).</summary>
    private static IEnumerable<DriftResult> Deciding(FeatureDriftReport feature) =>
        feature.Detectors.OrderBy(d => VerdictText.Decides(feature, d) ? 0 : 1);

    /// <summary>The dataset verdict in one line, with the rows each side had.</summary>
    public static string Summary(GateVerdict verdict)
    {
        var report = verdict.Report;
        string rows = $"; rows: reference {StatisticFormat.Count(verdict.ReferenceRows)}, current {StatisticFormat.Count(verdict.CurrentRows)}";
        if (verdict.NoVerdictReason is not null || report.Dataset is not { } d)
        {
            return $"dataset: no verdict - {verdict.NoVerdictReason}{rows}";
        }

        string drift = d.IsDrift ? "DRIFT" : "no drift";
        string prediction = report.IsPredictionDrift ? "; the prediction drifted" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"dataset: {drift} - {d.DriftedCount} of {d.FeatureCount} features drifted ({StatisticFormat.Percent(d.DriftedShare)}; the threshold is {StatisticFormat.Percent(d.ShareThreshold)}){prediction}{rows}");
    }

    private static void WriteRow(TextWriter w, string[] cells, int[] widths, bool[] right)
    {
        var line = new System.Text.StringBuilder();
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                line.Append("  ");
            }

            line.Append(right[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }

        w.WriteLine(line.ToString().TrimEnd());
    }
}

using System.Globalization;
using ModelWatch.Monitoring;
using ModelWatch.Samples;

namespace ModelWatch.Demo;

/// <summary>Prints one closed window: a row per monitored column, the window's quality and its alerts.</summary>
internal sealed class WindowPrinter(ConsoleView view, double[] referenceMeans, IReadOnlyDictionary<string, double> referenceLabels, double trainingAccuracy)
{
    private bool _headerShown;

    public void Print(DriftReport inputs, DriftReport? labels, QualityReport? quality, EstimatedPerformance? estimated, IReadOnlyList<object> alerts)
    {
        if (!_headerShown)
        {
            view.Line(view.Dim("Each window: the deciding test per column (KS for numbers, chi-squared for categories; p < 0.05 is DRIFT),"));
            view.Line(view.Dim("the quality of the labels that arrived in it, and alerts (raised after 2 drifted windows in a row, cleared after 2 clean ones)."));
            _headerShown = true;
        }

        view.Line();
        string verdict = inputs.Dataset is { } dataset
            ? dataset.IsDrift
                ? view.Red($"inputs DRIFT ({dataset.DriftedCount} of {dataset.FeatureCount})")
                : view.Green($"inputs ok ({dataset.DriftedCount} of {dataset.FeatureCount} drifted)")
            : "inputs not evaluated";
        view.Line(view.Bold(Invariant($"{inputs.WindowStart:yyyy-MM-dd}..{inputs.WindowEnd!.Value.AddDays(-1):yyyy-MM-dd}")) + Invariant($"  {inputs.Predictions} predictions  ") + verdict);
        view.Line(view.Dim(Invariant($"  {"column",-17} {"test",-12} {"statistic",9} {"p-value",9}  verdict")));
        foreach (var feature in inputs.Features)
        {
            string note = feature.IsPrediction ? Shares(feature, c => inputs.ClassNames[int.Parse(c, CultureInfo.InvariantCulture)]) : MeanNote(feature);
            Row(feature.IsPrediction ? "prediction" : feature.Name, feature, note);
        }

        if (labels?.Features.FirstOrDefault() is { } weather)
        {
            Row("weather (labels)", weather, Changes(weather));
        }

        if (quality is not null)
        {
            var m = quality.Metrics;
            // The estimate (CBPE) reads the window's predicted probabilities, calibrated on 2012: what the
            // accuracy would be if the 2012 relation between inputs and labels still held.
            string expected = estimated?.Get(ModelWatch.Estimation.CbpeMetric.Accuracy) is { } e ? Invariant($", expected from the scores {e.Value:F3}") : string.Empty;
            string line = Invariant($"  {"quality",-17} {m.Outcomes} labels: accuracy {m.Accuracy:F3} (2012: {trainingAccuracy:F3}{expected}), log loss {m.LogLoss:F2}");
            if (!quality.Breaches.IsEmpty)
            {
                line += "  " + view.Red("degraded: " + string.Join("; ", quality.Breaches));
            }

            if (quality.ConceptDrift)
            {
                line += "  " + view.Red("concept drift (ADWIN)");
            }

            view.Line(line);
        }

        foreach (var alert in alerts)
        {
            view.Line("  " + view.Yellow(Describe(alert)));
        }
    }

    /// <summary>One line per alert, as the summary also words it.</summary>
    public static string Describe(object alert) => alert switch
    {
        DriftAlert { Kind: DriftAlertKind.Raised } d when d.ModelName == DemoRun.LabelsName => "ALERT raised: the label distribution drifted (weather)",
        DriftAlert { Kind: DriftAlertKind.Raised } d => $"ALERT raised: input drift in {string.Join(", ", d.DriftedFeatures)}",
        DriftAlert d => $"alert cleared: {(d.ModelName == DemoRun.LabelsName ? "label distribution" : "input drift")}",
        QualityAlert { Kind: DriftAlertKind.Raised } q => $"QUALITY ALERT raised: {string.Join("; ", q.Reasons)}",
        QualityAlert => "quality alert cleared",
        _ => alert.ToString() ?? string.Empty,
    };

    private void Row(string name, FeatureDriftReport feature, string note)
    {
        if (feature.Verdict is not { } v)
        {
            view.Line(Invariant($"  {name,-17} {"-",-12} {"-",9} {"-",9}  (no values)"));
            return;
        }

        string p = v.PValue is double pv ? FormatP(pv) : "-";
        string verdict = feature.IsDrift ? view.Red("DRIFT") : view.Green("ok   ");
        view.Line(Invariant($"  {name,-17} {v.Detector,-12} {v.Statistic,9:G4} {p,9}  ") + verdict + (note.Length > 0 ? "  " + view.Dim(note) : string.Empty));
    }

    private string MeanNote(FeatureDriftReport feature)
    {
        int j = Array.IndexOf(WeatherDay.FeatureNames, feature.Name);
        return j < 0 || double.IsNaN(feature.Mean) ? string.Empty : Invariant($"mean {feature.Mean,6:F1} (2012: {referenceMeans[j]:F1})");
    }

    /// <summary>The categories whose share rose and fell the most against 2012.</summary>
    private string Changes(FeatureDriftReport feature)
    {
        if (feature.Count == 0)
        {
            return string.Empty;
        }

        var shares = feature.Categories
            .Select((category, i) => (Category: category, Share: (double)feature.CurrentCounts[i] / feature.Count, Reference: referenceLabels.GetValueOrDefault(category)))
            .Where(c => c.Category != "(unseen)")
            .OrderBy(c => c.Share - c.Reference)
            .ToList();
        var down = shares[0];
        var up = shares[^1];
        return Invariant($"{up.Category} {up.Share * 100:F0}% (2012: {up.Reference * 100:F0}%), {down.Category} {down.Share * 100:F0}% (2012: {down.Reference * 100:F0}%)");
    }

    /// <summary>The two most frequent categories of the window.</summary>
    private static string Shares(FeatureDriftReport feature, Func<string, string> name)
    {
        if (feature.Count == 0)
        {
            return string.Empty;
        }

        var top = feature.Categories
            .Select((category, i) => (Category: category, Share: (double)feature.CurrentCounts[i] / feature.Count))
            .Where(c => c.Category != "(unseen)" && c.Share > 0)
            .OrderByDescending(c => c.Share)
            .Take(2)
            .Select(c => Invariant($"{name(c.Category)} {c.Share * 100:F0}%"));
        return string.Join(", ", top);
    }

    public static string FormatP(double p) =>
        p >= 0.001 ? p.ToString("F3", CultureInfo.InvariantCulture) : p.ToString("0.0E+0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Text.Json;
using ModelWatch.Estimation;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Estimation;

/// <summary>
/// <see cref="Cbpe"/> on multiclass models (3 and 5 classes, string and integer labels) against every case
/// of Oracles/nannyml/cbpe_multiclass.json, with calibration forced on, forced off and NannyML's per-class
/// decisions (README §5, tolerances §8.1).
/// </summary>
public sealed class CbpeMulticlassOracleTests(ITestOutputHelper output)
{
    private const string File = "nannyml/cbpe_multiclass";

    private static readonly string[] Metrics = ["roc_auc", "f1", "precision", "recall", "specificity"];

    public static TheoryData<string, string> CasesAndModes => CbpeOracle.CasesAndModes(File);

    public static TheoryData<string> CaseIds => Oracle.CaseIds(File);

    [Theory]
    [MemberData(nameof(CasesAndModes))]
    public void Estimate_OracleCase_MatchesNannyMl(string id, string mode)
    {
        JsonElement c = Oracle.Case(File, id);
        string[] classes = Classes(c);
        JsonElement[] perClass = [.. c.GetProperty("calibration").GetProperty("per_class").EnumerateArray()];
        var options = new CbpeOptions { Chunking = CbpeOracle.ChunkingOf(c) };
        bool foldsGiven = perClass.All(p => p.TryGetProperty("split_test_indices", out _));
        switch (mode)
        {
            case "forced_on":
                options.Calibration = CbpeCalibration.Always;
                break;
            case "forced_off":
                options.Calibration = CbpeCalibration.Never;
                break;
            default:
                if (foldsGiven)
                {
                    options.ClassSplitTestIndices = [.. perClass.Select(p => (IReadOnlyList<int[]>)CbpeOracle.Folds(p.GetProperty("split_test_indices")))];
                }
                else
                {
                    options.CalibrationDecisions = [.. c.GetProperty("calibration").GetProperty("auto_decisions").EnumerateArray().Select(e => e.GetBoolean())];
                }

                break;
        }

        var compare = new OracleComparer($"{id}/{mode}");
        (double[][] refProbabilities, int[] refPredictions, int[] refLabels) = Data(c.GetProperty("reference"), classes);
        (double[][] probabilities, int[] predictions, _) = Data(c.GetProperty("analysis"), classes);

        var cbpe = Cbpe.Fit(CbpeReference.Multiclass(refProbabilities, refPredictions, refLabels), options);

        JsonElement expected = CbpeOracle.Block(c, mode)!.Value;
        HashSet<string> calibrated = [.. expected.GetProperty("calibrated_classes").EnumerateArray().Select(Key)];
        Assert.Equal(classes.Select(calibrated.Contains), cbpe.Calibrated);
        if (mode == "auto" && foldsGiven)
        {
            // With NannyML's folds, the stable-sort ECE reaches the recorded decision (README §8.2).
            Assert.Equal(perClass.Select(p => p.GetProperty("decision_with_stable_sort").GetBoolean()), cbpe.Calibrated);
        }

        JsonElement thresholds = c.GetProperty("thresholds");
        CbpeOracle.Chunks(expected.GetProperty("reference_chunks"), cbpe.Estimate(refProbabilities, refPredictions), thresholds, compare, "reference");
        CbpeOracle.Chunks(expected.GetProperty("analysis_chunks"), cbpe.Estimate(probabilities, predictions), thresholds, compare, "analysis");

        double[][] columns = cbpe.Multiclass!.Calibrate(probabilities);
        int row = 0;
        foreach (JsonElement head in expected.GetProperty("calibrated_analysis_head").EnumerateArray())
        {
            int r = row++;
            compare.Values(head, [.. columns.Select(column => column[r])], 1e-12, relative: false, $"calibrated_analysis_head[{r}]");
        }

        int uniformRows = Enumerable.Range(0, probabilities.Length).Count(r => columns.All(column => column[r] == 1.0 / classes.Length) && SumsToZero(cbpe, probabilities[r]));
        Assert.Equal(expected.GetProperty("analysis_rows_with_zero_calibrated_sum").GetInt32(), uniformRows);
        output.WriteLine(compare.Report());
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Fit_OracleCase_ComponentsThresholdsAndCalibratorsMatch(string id)
    {
        JsonElement c = Oracle.Case(File, id);
        string[] classes = Classes(c);
        var compare = new OracleComparer(id);
        (double[][] probabilities, int[] predictions, int[] labels) = Data(c.GetProperty("reference"), classes);
        var options = new CbpeOptions { Chunking = CbpeOracle.ChunkingOf(c), Calibration = CbpeCalibration.Always };

        MulticlassCbpe model = Cbpe.Fit(CbpeReference.Multiclass(probabilities, predictions, labels), options).Multiclass!;

        JsonElement components = c.GetProperty("sampling_error_components");
        foreach (string name in Metrics)
        {
            CbpeMetric metric = CbpeOracle.MetricNames[name];
            JsonElement[] expected = [.. components.GetProperty(name).GetProperty("per_class").EnumerateArray()];
            double[] stableVariance = name == "roc_auc"
                ? Oracle.Doubles(components.GetProperty(name).GetProperty("per_class_variance_stable_sort"))
                : [.. expected.Select(e => Oracle.Number(e.GetProperty("variance")))];
            for (int k = 0; k < classes.Length; k++)
            {
                compare.Value(stableVariance[k], model.Components[metric][k].Variance, 1e-9, relative: false, $"components.{name}[{k}].variance");
                compare.Absolute(expected[k], "fraction", model.Components[metric][k].Fraction, 1e-12, $"components.{name}[{k}]");
            }
        }

        compare.Absolute(components.GetProperty("accuracy"), "std", model.AccuracyStd, 1e-9, "components.accuracy");
        foreach (string name in Metrics.Append("accuracy"))
        {
            CbpeMetric metric = CbpeOracle.MetricNames[name];
            JsonElement t = c.GetProperty("thresholds").GetProperty(name);
            compare.Values(t.GetProperty("reference_chunk_realized"), model.ReferenceChunkRealized[metric], 1e-9, relative: false, $"realized.{name}");
            compare.Relative(t, "lower", model.Thresholds[metric].Lower, 1e-9, $"thresholds.{name}");
            compare.Relative(t, "upper", model.Thresholds[metric].Upper, 1e-9, $"thresholds.{name}");
        }

        int cls = 0;
        foreach (JsonElement perClass in c.GetProperty("calibration").GetProperty("per_class").EnumerateArray())
        {
            int k = cls++;
            if (perClass.TryGetProperty("isotonic_fit_on_full_reference", out JsonElement fit) && fit.ValueKind == JsonValueKind.Object)
            {
                IsotonicCalibrator calibrator = model.Calibrators[k]!;
                compare.Values(fit.GetProperty("knots_x"), calibrator.KnotsX, 1e-12, relative: false, $"isotonic[{k}].knots_x");
                compare.Values(fit.GetProperty("knots_y"), calibrator.KnotsY, 1e-12, relative: false, $"isotonic[{k}].knots_y");
            }

            if (perClass.TryGetProperty("split_test_indices", out JsonElement folds))
            {
                int[] target = Array.ConvertAll(labels, label => label == k ? 1 : 0);
                double[] column = [.. probabilities.Select(p => p[k])];
                CalibrationDecision.Outcome outcome = CalibrationDecision.Decide(column, target, CbpeOracle.Folds(folds));
                Assert.Equal(perClass.GetProperty("decision_with_stable_sort").GetBoolean(), outcome.Calibrate);
                Assert.Equal(perClass.GetProperty("auto_reason").GetString(), outcome.Reason);
                compare.Absolute(perClass, "ece_before_stable_sort", outcome.EceBefore, 1e-12, $"calibration[{k}]");
                compare.Absolute(perClass, "ece_after_stable_sort", outcome.EceAfter, 1e-12, $"calibration[{k}]");
            }
        }

        output.WriteLine(compare.Report());
    }

    internal static string[] Classes(JsonElement c) => [.. c.GetProperty("classes").EnumerateArray().Select(Key)];

    /// <summary>Rows × classes in the order of <c>classes</c>; labels mapped to class indices.</summary>
    internal static (double[][] Probabilities, int[] Predictions, int[] Labels) Data(JsonElement set, string[] classes)
    {
        int n = set.GetProperty("n").GetInt32();
        double[][] columns = [.. classes.Select(k => Oracle.Doubles(set.GetProperty("y_pred_proba").GetProperty(k)))];
        double[][] rows = [.. Enumerable.Range(0, n).Select(r => columns.Select(column => column[r]).ToArray())];
        return (rows, Indices(set.GetProperty("y_pred"), classes), Indices(set.GetProperty("y_true"), classes));
    }

    private static int[] Indices(JsonElement labels, string[] classes) =>
        [.. labels.EnumerateArray().Select(e => Array.IndexOf(classes, Key(e)))];

    /// <summary>A class label as NannyML names its probability column: <c>str(class)</c>.</summary>
    private static string Key(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    private static bool SumsToZero(Cbpe cbpe, double[] row)
    {
        double sum = 0;
        for (int k = 0; k < row.Length; k++)
        {
            sum += cbpe.Multiclass!.Calibrators[k] is { } calibrator ? calibrator.Predict(row[k]) : row[k];
        }

        return sum == 0;
    }
}

using System.Text.Json;
using ModelWatch.Estimation;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Estimation;

/// <summary>
/// <see cref="Cbpe"/> on binary models against every case of Oracles/nannyml/cbpe_binary.json, with
/// calibration forced on, forced off and NannyML's automatic decision (README §4, tolerances §8.1).
/// </summary>
public sealed class CbpeBinaryOracleTests(ITestOutputHelper output)
{
    private const string File = "nannyml/cbpe_binary";

    public static TheoryData<string, string> CasesAndModes => CbpeOracle.CasesAndModes(File);

    public static TheoryData<string> CaseIds => Oracle.CaseIds(File);

    [Theory]
    [MemberData(nameof(CasesAndModes))]
    public void Estimate_OracleCase_MatchesNannyMl(string id, string mode)
    {
        JsonElement c = Oracle.Case(File, id);
        JsonElement calibration = c.GetProperty("calibration");
        var options = new CbpeOptions { Chunking = CbpeOracle.ChunkingOf(c) };
        switch (mode)
        {
            case "forced_on":
                options.Calibration = CbpeCalibration.Always;
                break;
            case "forced_off":
                options.Calibration = CbpeCalibration.Never;
                break;
            default:
                // With the stored folds, the rule itself must reach NannyML's decision; without them only
                // the recorded decision can be reproduced (NannyML's folds come from NumPy's generator).
                if (calibration.TryGetProperty("split_test_indices", out JsonElement folds))
                {
                    options.SplitTestIndices = CbpeOracle.Folds(folds);
                }
                else
                {
                    options.CalibrationDecisions = [calibration.GetProperty("auto_decision").GetBoolean()];
                }

                break;
        }

        var compare = new OracleComparer($"{id}/{mode}");
        (double[] refScores, int[] refPredictions, int[] refLabels) = Data(c.GetProperty("reference"));
        (double[] scores, int[] predictions, _) = Data(c.GetProperty("analysis"));

        var cbpe = Cbpe.Fit(CbpeReference.Binary(refScores, refPredictions, refLabels), options);

        JsonElement? block = CbpeOracle.Block(c, mode);
        if (block is null)
        {
            // NannyML never calibrates a one-class reference; forcing calibration changes nothing.
            Assert.Equal([false], cbpe.Calibrated);
            block = CbpeOracle.Block(c, "forced_off");
        }

        JsonElement expected = block!.Value;
        Assert.Equal(expected.GetProperty("calibrated").GetBoolean(), cbpe.Calibrated[0]);
        if (mode == "auto" && options.SplitTestIndices is not null)
        {
            Assert.Equal(calibration.GetProperty("auto_decision").GetBoolean(), cbpe.Binary!.Decision!.Value.Calibrate);
            Assert.Equal(calibration.GetProperty("auto_reason").GetString(), cbpe.Binary.Decision.Value.Reason);
        }

        JsonElement thresholds = c.GetProperty("thresholds");
        CbpeOracle.Chunks(expected.GetProperty("reference_chunks"), cbpe.Estimate(refScores, refPredictions), thresholds, compare, "reference");
        CbpeOracle.Chunks(expected.GetProperty("analysis_chunks"), cbpe.Estimate(scores, predictions), thresholds, compare, "analysis");
        if (expected.TryGetProperty("calibrated_analysis_head", out JsonElement head) && head.ValueKind == JsonValueKind.Array)
        {
            compare.Values(head, cbpe.Binary!.Calibrate(scores)[..head.GetArrayLength()], 1e-12, relative: false, "calibrated_analysis_head");
        }

        output.WriteLine(compare.Report());
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Fit_OracleCase_ComponentsThresholdsAndCalibratorMatch(string id)
    {
        JsonElement c = Oracle.Case(File, id);
        var compare = new OracleComparer(id);
        (double[] scores, int[] predictions, int[] labels) = Data(c.GetProperty("reference"));
        var options = new CbpeOptions { Chunking = CbpeOracle.ChunkingOf(c), Calibration = CbpeCalibration.Always };

        BinaryCbpe model = Cbpe.Fit(CbpeReference.Binary(scores, predictions, labels), options).Binary!;

        foreach ((string name, CbpeMetric metric) in CbpeOracle.MetricNames)
        {
            JsonElement t = c.GetProperty("thresholds").GetProperty(name);
            compare.Values(t.GetProperty("reference_chunk_realized"), model.ReferenceChunkRealized[metric], 1e-9, relative: true, $"realized.{name}");
            compare.Relative(t, "lower", model.Thresholds[metric].Lower, 1e-9, $"thresholds.{name}");
            compare.Relative(t, "upper", model.Thresholds[metric].Upper, 1e-9, $"thresholds.{name}");
            if (c.GetProperty("sampling_error_components").TryGetProperty(name, out JsonElement component))
            {
                (double std, double fraction) = model.Components[metric];
                string stdName = component.TryGetProperty("std_stable_sort", out _) ? "std_stable_sort" : "std";
                compare.Absolute(component, stdName, std, 1e-9, $"components.{name}");
                if (component.TryGetProperty("fraction", out _))
                {
                    compare.Absolute(component, "fraction", fraction, 1e-12, $"components.{name}");
                }
            }
        }

        JsonElement calibration = c.GetProperty("calibration");
        if (calibration.TryGetProperty("isotonic_fit_on_full_reference", out JsonElement fit) && fit.ValueKind == JsonValueKind.Object)
        {
            IsotonicCalibrator calibrator = model.Calibrator!;
            compare.Absolute(fit, "X_min", calibrator.MinX, 1e-12, "isotonic");
            compare.Absolute(fit, "X_max", calibrator.MaxX, 1e-12, "isotonic");
            compare.Values(fit.GetProperty("knots_x"), calibrator.KnotsX, 1e-12, relative: false, "isotonic.knots_x");
            compare.Values(fit.GetProperty("knots_y"), calibrator.KnotsY, 1e-12, relative: false, "isotonic.knots_y");
        }

        output.WriteLine(compare.Report());
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Decide_WithStoredFolds_ReproducesEceAndDecision(string id)
    {
        JsonElement c = Oracle.Case(File, id);
        JsonElement calibration = c.GetProperty("calibration");
        (double[] scores, _, int[] labels) = Data(c.GetProperty("reference"));
        if (!calibration.TryGetProperty("split_test_indices", out JsonElement folds))
        {
            // Without folds only the short-cut reasons can be reproduced.
            string reason = calibration.GetProperty("auto_reason").GetString()!;
            if (reason is "single_class_in_reference" or "reference_roc_auc_above_0.999")
            {
                Assert.Equal(reason, CalibrationDecision.Decide(scores, labels, SeededStratifiedSplits.Create(labels)).Reason);
            }

            return;
        }

        var compare = new OracleComparer(id);
        CalibrationDecision.Outcome outcome = CalibrationDecision.Decide(scores, labels, CbpeOracle.Folds(folds));

        Assert.Equal(calibration.GetProperty("decision_with_stable_sort").GetBoolean(), outcome.Calibrate);
        compare.Absolute(calibration, "ece_before_stable_sort", outcome.EceBefore, 1e-12, "calibration");
        compare.Absolute(calibration, "ece_after_stable_sort", outcome.EceAfter, 1e-12, "calibration");
        compare.Absolute(calibration, "reference_roc_auc", RealizedMetrics.RocAuc(scores, labels, 0, labels.Length), 1e-12, "calibration");
        output.WriteLine(compare.Report());
    }

    internal static (double[] Scores, int[] Predictions, int[] Labels) Data(JsonElement set) =>
        (Oracle.Doubles(set.GetProperty("y_pred_proba")),
         [.. set.GetProperty("y_pred").EnumerateArray().Select(e => e.GetInt32())],
         [.. set.GetProperty("y_true").EnumerateArray().Select(e => e.GetInt32())]);
}

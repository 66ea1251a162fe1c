using System.Text.Json;
using ModelWatch.Estimation;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Estimation;

/// <summary>Reading and checking the CBPE cases of Oracles/nannyml (README §4, §5, §7.1, §7.2, §8).</summary>
internal static class CbpeOracle
{
    public static readonly IReadOnlyDictionary<string, CbpeMetric> MetricNames = new Dictionary<string, CbpeMetric>
    {
        ["roc_auc"] = CbpeMetric.RocAuc,
        ["f1"] = CbpeMetric.F1,
        ["precision"] = CbpeMetric.Precision,
        ["recall"] = CbpeMetric.Recall,
        ["specificity"] = CbpeMetric.Specificity,
        ["accuracy"] = CbpeMetric.Accuracy,
        ["average_precision"] = CbpeMetric.AveragePrecision,
        ["true_positive"] = CbpeMetric.TruePositive,
        ["true_negative"] = CbpeMetric.TrueNegative,
        ["false_positive"] = CbpeMetric.FalsePositive,
        ["false_negative"] = CbpeMetric.FalseNegative,
    };

    /// <summary>Every case id with each of the three modes.</summary>
    public static TheoryData<string, string> CasesAndModes(string file)
    {
        var data = new TheoryData<string, string>();
        foreach (JsonElement c in Oracle.Cases(file))
        {
            foreach (string mode in new[] { "forced_on", "forced_off", "auto" })
            {
                data.Add(c.GetProperty("id").GetString()!, mode);
            }
        }

        return data;
    }

    public static Chunking ChunkingOf(JsonElement c)
    {
        JsonElement chunker = c.GetProperty("chunker");
        return chunker.GetProperty("type").GetString() switch
        {
            "size" => Chunking.BySize(chunker.GetProperty("chunk_size").GetInt32()),
            "number" => Chunking.ByCount(chunker.GetProperty("chunk_number").GetInt32()),
            "default" => Chunking.Default,
            var t => throw new InvalidOperationException($"unknown chunker {t}"),
        };
    }

    /// <summary>The expected block of a mode; <c>auto</c> may point at a forced one.</summary>
    public static JsonElement? Block(JsonElement c, string mode)
    {
        JsonElement block = c.GetProperty("expected").GetProperty(mode);
        if (block.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return block.TryGetProperty("same_as", out JsonElement same) ? Block(c, same.GetString()!) : block;
    }

    public static int[][] Folds(JsonElement folds) =>
        [.. folds.EnumerateArray().Select(f => f.EnumerateArray().Select(i => i.GetInt32()).ToArray())];

    public static void Rates(JsonElement array, IReadOnlyList<double> actual, double tolerance, OracleComparer compare, string where) =>
        compare.Values(array, actual, tolerance, relative: false, where);

    /// <summary>Checks the chunk records of one data set against the expected ones.</summary>
    public static void Chunks(JsonElement expectedChunks, IReadOnlyList<CbpeChunk> actual, JsonElement thresholds, OracleComparer compare, string where)
    {
        Assert.Equal(expectedChunks.GetArrayLength(), actual.Count);
        int i = 0;
        foreach (JsonElement e in expectedChunks.EnumerateArray())
        {
            CbpeChunk a = actual[i++];
            string at = $"{where}{e.GetProperty("key").GetString()}";
            Assert.Equal(e.GetProperty("key").GetString(), a.Chunk.Key);
            Assert.Equal(e.GetProperty("chunk_index").GetInt32(), a.Chunk.Index);
            Assert.Equal(e.GetProperty("start_index").GetInt32(), a.Chunk.FirstRow);
            Assert.Equal(e.GetProperty("end_index").GetInt32(), a.Chunk.LastRow);
            Assert.Equal(e.GetProperty("n").GetInt32(), a.Chunk.RowCount);
            var near = e.TryGetProperty("near_threshold", out JsonElement n)
                ? n.EnumerateArray().Select(x => x.GetString()).ToHashSet()
                : [];

            foreach ((string name, CbpeMetric metric) in MetricNames)
            {
                if (!e.TryGetProperty(name, out JsonElement m))
                {
                    continue;
                }

                Metric(m, a.Metrics[metric], metric, thresholds.GetProperty(name), near.Contains(name), compare, $"{at}.{name}");
            }

            Assert.Equal(expectedChunks.EnumerateArray().ElementAt(i - 1).EnumerateObject().Count(p => MetricNames.ContainsKey(p.Name)), a.Metrics.Count);
        }
    }

    /// <summary>
    /// One metric of one chunk. Where NannyML's unstable sort changed a value (README §8.2), the record
    /// also has the stable-sort value: compare with that, and with the band and alert it implies.
    /// </summary>
    private static void Metric(JsonElement e, ChunkMetric a, CbpeMetric metric, JsonElement thresholds, bool nearThreshold, OracleComparer compare, string where)
    {
        bool count = metric is CbpeMetric.TruePositive or CbpeMetric.TrueNegative or CbpeMetric.FalsePositive or CbpeMetric.FalseNegative;
        string valueName = e.TryGetProperty("value_stable_sort", out _) ? "value_stable_sort" : "value";
        string errorName = e.TryGetProperty("sampling_error_stable_sort", out _) ? "sampling_error_stable_sort" : "sampling_error";
        compare.Absolute(e, valueName, a.Value, count ? 1e-9 * Math.Max(1, Math.Abs(a.Value)) : 1e-9, where);
        compare.Absolute(e, errorName, a.SamplingError, count ? 1e-9 * Math.Max(1, a.SamplingError ?? 1) : 1e-9, where);

        bool stable = valueName != "value" || errorName != "sampling_error";
        if (stable)
        {
            double value = Oracle.Number(e.GetProperty(valueName));
            double se = Oracle.Number(e.GetProperty(errorName));
            compare.Value(Math.Min(count ? double.PositiveInfinity : 1, value + (3 * se)), a.UpperConfidenceBound!.Value, 1e-9, count, $"{where}.upper_confidence_boundary(stable)");
            compare.Value(Math.Max(0, value - (3 * se)), a.LowerConfidenceBound!.Value, 1e-9, count, $"{where}.lower_confidence_boundary(stable)");
        }
        else
        {
            compare.Relative(e, "upper_confidence_boundary", a.UpperConfidenceBound, 1e-9, where);
            compare.Relative(e, "lower_confidence_boundary", a.LowerConfidenceBound, 1e-9, where);
        }

        compare.Relative(thresholds, "lower", a.LowerThreshold, 1e-9, $"{where}.threshold");
        compare.Relative(thresholds, "upper", a.UpperThreshold, 1e-9, $"{where}.threshold");
        if (!nearThreshold && valueName == "value")
        {
            Assert.True(e.GetProperty("alert").GetBoolean() == a.Alert, $"{where}: alert expected {e.GetProperty("alert").GetBoolean()}, value {a.Value:R}");
        }
    }
}

using System.Text.Json;
using ModelWatch.Estimation;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Estimation;

/// <summary>
/// <see cref="ReconstructionDrift"/> against every case of Oracles/nannyml/pca_reconstruction.json
/// (README §6; tolerances §8.1: values 1e-8 relative, preprocessing 1e-12 relative, ratios 1e-10 absolute).
/// </summary>
public sealed class ReconstructionDriftOracleTests(ITestOutputHelper output)
{
    private const string File = "nannyml/pca_reconstruction";

    public static TheoryData<string> CaseIds => Oracle.CaseIds(File);

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Evaluate_OracleCase_MatchesNannyMl(string id)
    {
        JsonElement c = Oracle.Case(File, id);
        var compare = new OracleComparer(id);
        var layout = new Layout(c);
        (double[][] refNumeric, string?[][] refCategorical) = layout.Rows(c.GetProperty("reference"));
        (double[][] numeric, string?[][] categorical) = layout.Rows(c.GetProperty("analysis"));
        var options = new ReconstructionDriftOptions
        {
            VarianceToKeep = c.GetProperty("n_components").GetDouble(),
            Chunking = CbpeOracle.ChunkingOf(c),
        };

        var drift = ReconstructionDrift.Fit(refNumeric, refCategorical, options);

        JsonElement fitted = c.GetProperty("fitted");
        Assert.Equal(fitted.GetProperty("n_components").GetInt32(), drift.ComponentCount);
        compare.Values(fitted.GetProperty("explained_variance_ratio_all"), drift.Subspace.ExplainedVarianceRatio, 1e-10, relative: false, "explained_variance_ratio_all");
        compare.Values(fitted.GetProperty("scaler_mean"), layout.InColumnOrder(drift.Encoder.Mean), 1e-12, relative: true, "scaler_mean");
        compare.Values(fitted.GetProperty("scaler_scale"), layout.InColumnOrder(drift.Encoder.Scale), 1e-12, relative: true, "scaler_scale");
        for (int j = 0; j < layout.Numeric.Length; j++)
        {
            compare.Relative(fitted.GetProperty("imputer_continuous_means"), layout.Numeric[j], drift.Encoder.ImputedMeans[j], 1e-12, "imputer");
        }

        for (int j = 0; j < layout.Categorical.Length; j++)
        {
            string name = layout.Categorical[j];
            Assert.Equal(fitted.GetProperty("imputer_categorical_modes").GetProperty(name).GetString(), drift.Encoder.ImputedModes[j]);
            foreach (JsonProperty frequency in fitted.GetProperty("frequency_encoding").GetProperty(name).EnumerateObject())
            {
                compare.Value(frequency.Value.GetDouble(), drift.Encoder.Frequencies[j][frequency.Name], 1e-12, relative: true, $"frequency.{name}.{frequency.Name}");
            }

            Assert.Equal(fitted.GetProperty("frequency_encoding").GetProperty(name).EnumerateObject().Count(), drift.Encoder.Frequencies[j].Count);
        }

        JsonElement thresholds = c.GetProperty("thresholds");
        compare.Values(thresholds.GetProperty("reference_chunk_values"), drift.ReferenceChunkErrors, 1e-8, relative: true, "reference_chunk_values");
        compare.Relative(thresholds, "lower", drift.Thresholds.Lower, 1e-8, "thresholds");
        compare.Relative(thresholds, "upper", drift.Thresholds.Upper, 1e-8, "thresholds");

        JsonElement heads = c.GetProperty("row_errors_head");
        compare.Values(heads.GetProperty("reference"), drift.RowErrors(refNumeric, refCategorical)[..heads.GetProperty("reference").GetArrayLength()], 1e-8, relative: true, "row_errors_head.reference");
        compare.Values(heads.GetProperty("analysis"), drift.RowErrors(numeric, categorical)[..heads.GetProperty("analysis").GetArrayLength()], 1e-8, relative: true, "row_errors_head.analysis");

        Chunks(c.GetProperty("expected").GetProperty("reference_chunks"), drift.Evaluate(refNumeric, refCategorical), compare, "reference");
        Chunks(c.GetProperty("expected").GetProperty("analysis_chunks"), drift.Evaluate(numeric, categorical), compare, "analysis");
        output.WriteLine(compare.Report());
    }

    private static void Chunks(JsonElement expected, IReadOnlyList<ReconstructionDriftChunk> actual, OracleComparer compare, string where)
    {
        Assert.Equal(expected.GetArrayLength(), actual.Count);
        int i = 0;
        foreach (JsonElement e in expected.EnumerateArray())
        {
            ReconstructionDriftChunk a = actual[i++];
            string at = $"{where}{a.Chunk.Key}";
            Assert.Equal(e.GetProperty("key").GetString(), a.Chunk.Key);
            Assert.Equal(e.GetProperty("chunk_index").GetInt32(), a.Chunk.Index);
            Assert.Equal(e.GetProperty("start_index").GetInt32(), a.Chunk.FirstRow);
            Assert.Equal(e.GetProperty("end_index").GetInt32(), a.Chunk.LastRow);
            Assert.Equal(e.GetProperty("n").GetInt32(), a.Chunk.RowCount);
            ChunkMetric m = a.ReconstructionError;
            compare.Relative(e, "value", m.Value, 1e-8, at);
            compare.Relative(e, "sampling_error", m.SamplingError, 1e-8, at);
            compare.Relative(e, "upper_confidence_boundary", m.UpperConfidenceBound, 1e-8, at);
            compare.Relative(e, "lower_confidence_boundary", m.LowerConfidenceBound, 1e-8, at);
            bool near = e.TryGetProperty("near_threshold", out JsonElement n) && n.ValueKind == JsonValueKind.True;
            if (!near)
            {
                Assert.True(e.GetProperty("alert").GetBoolean() == m.Alert, $"{at}: alert expected {e.GetProperty("alert").GetBoolean()}, value {m.Value:R}");
            }
        }
    }

    /// <summary>The case's columns split by type (numeric first, then categorical, each in column order).</summary>
    private sealed class Layout
    {
        private readonly string[] _columns;

        public Layout(JsonElement c)
        {
            _columns = [.. c.GetProperty("column_names").EnumerateArray().Select(e => e.GetString()!)];
            JsonElement types = c.GetProperty("column_types");
            Numeric = [.. _columns.Where(name => types.GetProperty(name).GetString() == "continuous")];
            Categorical = [.. _columns.Where(name => types.GetProperty(name).GetString() == "categorical")];
        }

        public string[] Numeric { get; }

        public string[] Categorical { get; }

        public (double[][] Numeric, string?[][] Categorical) Rows(JsonElement set)
        {
            int n = set.GetProperty("n").GetInt32();
            JsonElement columns = set.GetProperty("columns");
            double[][] numeric = [.. Numeric.Select(name => columns.GetProperty(name).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray())];
            string?[][] categorical = [.. Categorical.Select(name => columns.GetProperty(name).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()).ToArray())];
            return (
                Numeric.Length == 0 ? [] : [.. Enumerable.Range(0, n).Select(r => numeric.Select(col => col[r]).ToArray())],
                Categorical.Length == 0 ? [] : [.. Enumerable.Range(0, n).Select(r => categorical.Select(col => col[r]).ToArray())]);
        }

        /// <summary>Values in the encoder's layout, reordered to <c>column_names</c>.</summary>
        public double[] InColumnOrder(IReadOnlyList<double> layoutValues) =>
            [.. _columns.Select(name => Array.IndexOf(Numeric, name) is var j and >= 0 ? layoutValues[j] : layoutValues[Numeric.Length + Array.IndexOf(Categorical, name)])];
    }
}

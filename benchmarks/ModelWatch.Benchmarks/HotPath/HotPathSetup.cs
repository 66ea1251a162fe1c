using System.Runtime.CompilerServices;
using HdrHistogram;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.HotPath;

/// <summary>What the logging-path benchmarks share: their names, rows and reference, and their HdrHistogram yardstick.</summary>
internal static class HotPathSetup
{
    /// <summary>The features' names: f0, f1, ….</summary>
    public static string[] FeatureNames(int features) =>
        [.. Enumerable.Range(0, features).Select(i => "f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary><paramref name="count"/> rows of <paramref name="features"/> roughly normal values (seeded: every benchmark logs the same rows).</summary>
    public static double[][] NormalRows(int count, int features)
    {
        var normals = Data.Normal(seed: 7, count: count * features);
        return [.. Enumerable.Range(0, count).Select(r => normals.AsSpan(r * features, features).ToArray())];
    }

    /// <summary>A reference of 20,000 rows of roughly normal features (seeded) and a prediction, over <paramref name="names"/>.</summary>
    public static ReferenceProfile NormalReference(string[] names)
    {
        int features = names.Length;
        var builder = new ReferenceProfileBuilder(new ModelSchema(names));
        var reference = Data.Normal(seed: 8, count: 20_000 * features);
        for (int r = 0; r < 20_000; r++)
        {
            builder.Add(reference.AsSpan(r * features, features), reference[r]);
        }

        return builder.Build();
    }

    /// <summary>HdrHistogram recording each row's values and the prediction, one histogram per value: the yardstick.</summary>
    public static void RecordHdr(LongHistogram[] histograms, double[][] rows)
    {
        foreach (var row in rows)
        {
            RecordHdrRow(histograms, row);
        }
    }

    /// <summary>One call's 11 values (the features' magnitudes in micro-units, then the prediction), one histogram each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RecordHdrRow(LongHistogram[] histograms, double[] row)
    {
        for (int i = 0; i < row.Length; i++)
        {
            histograms[i].RecordValue((long)(Math.Abs(row[i]) * 1_000_000));
        }

        histograms[^1].RecordValue(500_000);
    }
}

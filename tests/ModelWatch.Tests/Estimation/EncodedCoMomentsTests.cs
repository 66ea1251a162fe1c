using ModelWatch.Estimation;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Estimation;

/// <summary>
/// The streaming fit of PCA reconstruction drift: sums gathered row by row (and merged from parts that saw
/// their categories in other orders) give the detector <see cref="ReconstructionDrift.Fit"/> gives on the
/// rows — the same components and, row by row, the same errors to 1e-9.
/// </summary>
public sealed class EncodedCoMomentsTests
{
    private static readonly string[] Cities = ["Oslo", "Lima", "Pune", "Kobe", "Nice"];

    /// <summary>
    /// Four numbers far from 0 (offsets up to 10^4) that move together, two categories (one following
    /// the first number), about 3 % of each kind missing.
    /// </summary>
    private static (double[][] Numeric, string?[][] Categorical) Rows(int n, ulong seed, bool unseen = false)
    {
        var rng = new SplitMix64(seed);
        var numeric = new double[n][];
        var categorical = new string?[n][];
        for (int i = 0; i < n; i++)
        {
            double a = rng.NextNormal();
            double b = rng.NextNormal();
            numeric[i] = [10_000 + a, (2 * a) + (0.5 * rng.NextNormal()), -300 + b, (b * 0.1) + (0.01 * rng.NextNormal())];
            string city = Cities[(int)(rng.NextUniform() * Cities.Length)];
            categorical[i] = [a > 0.5 ? "high" : a < -0.5 ? "low" : "mid", unseen && i % 7 == 0 ? "Rome" : city];
            if (rng.NextUniform() < 0.03)
            {
                numeric[i][(int)(rng.NextUniform() * 4)] = double.NaN;
            }

            if (rng.NextUniform() < 0.03)
            {
                categorical[i][(int)(rng.NextUniform() * 2)] = null;
            }
        }

        return (numeric, categorical);
    }

    private static EncodedCoMoments Gather(double[][] numeric, string?[][] categorical, int from, int to)
    {
        var moments = new EncodedCoMoments(numeric[0].Length, categorical[0].Length);
        for (int i = from; i < to; i++)
        {
            moments.Add(numeric[i], categorical[i]);
        }

        return moments;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void StreamingFit_EqualsTheFitOnTheRows(int parts)
    {
        var (numeric, categorical) = Rows(3_000, seed: 1);
        var options = new ReconstructionDriftOptions();
        var batch = ReconstructionDrift.Fit(numeric, categorical, options);

        // Parts gathered separately, merged last to first: categories are numbered in other orders.
        int size = numeric.Length / parts;
        var gathered = Enumerable.Range(0, parts).Select(p => Gather(numeric, categorical, p * size, p == parts - 1 ? numeric.Length : (p + 1) * size)).Reverse().ToList();
        var moments = gathered[0];
        foreach (var part in gathered.Skip(1))
        {
            moments.Merge(part);
        }

        Assert.Equal(numeric.Length, moments.Rows);
        var streaming = ReconstructionDrift.FitStreaming(moments, options);

        Assert.Equal(batch.ComponentCount, streaming.ComponentCount);
        for (int c = 0; c < batch.Encoder.Width; c++)
        {
            Assert.Equal(batch.Encoder.Mean[c], streaming.Encoder.Mean[c], 1e-12 * Math.Max(1, Math.Abs(batch.Encoder.Mean[c])));
            Assert.Equal(batch.Encoder.Scale[c], streaming.Encoder.Scale[c], 1e-10 * batch.Encoder.Scale[c]);
        }

        Assert.Equal(batch.Encoder.ImputedModes, streaming.Encoder.ImputedModes);
        for (int j = 0; j < batch.Encoder.CategoricalCount; j++)
        {
            Assert.Equal(batch.Encoder.Frequencies[j].OrderBy(kv => kv.Key, StringComparer.Ordinal), streaming.Encoder.Frequencies[j].OrderBy(kv => kv.Key, StringComparer.Ordinal));
        }

        // Row by row on new data with missing values and an unseen category.
        var (newNumeric, newCategorical) = Rows(500, seed: 2, unseen: true);
        double[] expected = batch.RowErrors(newNumeric, newCategorical);
        double[] actual = streaming.RowErrors(newNumeric, newCategorical);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-9 * (1 + expected[i]));
        }
    }

    [Fact]
    public void ReferenceChunkErrors_GiveTheBatchThresholds()
    {
        var (numeric, categorical) = Rows(3_000, seed: 3);
        var options = new ReconstructionDriftOptions { Chunking = Chunking.BySize(500) };
        var streaming = ReconstructionDrift.FitStreaming(Gather(numeric, categorical, 0, numeric.Length), options);
        Assert.Null(streaming.Thresholds.Lower);
        Assert.Null(streaming.Thresholds.Upper);

        double[] chunkErrors = [.. Enumerable.Range(0, 6).Select(c => streaming.RowErrors(numeric[(c * 500)..((c + 1) * 500)], categorical[(c * 500)..((c + 1) * 500)]).Average())];
        var calibrated = streaming.WithReferenceChunkErrors(chunkErrors);
        var expected = ReferenceChunkThreshold.ReconstructionError.Compute(chunkErrors);
        Assert.Equal(expected.Lower, calibrated.Thresholds.Lower);
        Assert.Equal(expected.Upper, calibrated.Thresholds.Upper);

        // Against the batch detector's own chunks: the same thresholds to rounding.
        var batch = ReconstructionDrift.Fit(numeric, categorical, options);
        Assert.Equal(batch.Thresholds.Upper!.Value, calibrated.Thresholds.Upper!.Value, 1e-9);
    }

    [Fact]
    public void InfiniteRows_AreSkippedAndCounted()
    {
        var moments = new EncodedCoMoments(2, 0);
        moments.Add([1.0, 2.0], []);
        moments.Add([double.PositiveInfinity, 2.0], []);
        moments.Add([3.0, 5.0], []);

        Assert.Equal(2, moments.Rows);
        Assert.Equal(1, moments.Skipped);
        var detector = ReconstructionDrift.FitStreaming(moments, new ReconstructionDriftOptions());
        var batch = ReconstructionDrift.Fit([[1.0, 2.0], [3.0, 5.0]], [], new ReconstructionDriftOptions { Chunking = Chunking.BySize(1) });
        Assert.Equal([2.0, 3.5], detector.Encoder.Mean);
        Assert.Equal(batch.Encoder.Scale, detector.Encoder.Scale);
    }

    [Fact]
    public void TooManyCategories_OrTooFewRows_FailWithAClearMessage()
    {
        var moments = new EncodedCoMoments(1, 1);
        for (int i = 0; i <= EncodedCoMoments.MaxCategories; i++)
        {
            moments.Add([i], ["c" + i]);
        }

        var error = Assert.Throws<InvalidOperationException>(() => ReconstructionDrift.FitStreaming(moments, new ReconstructionDriftOptions()));
        Assert.Contains("more than 64 categories", error.Message, StringComparison.Ordinal);

        var single = new EncodedCoMoments(1, 0);
        single.Add([1.0], []);
        Assert.Contains("at least two", Assert.Throws<InvalidOperationException>(() => ReconstructionDrift.FitStreaming(single, new ReconstructionDriftOptions())).Message, StringComparison.Ordinal);
    }
}

using ModelWatch.Drift;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Drift;

public sealed class ThresholdCalibrationTests
{
    [Fact]
    public void FromReference_KnownStatistic_MeanPlusThreeSigma()
    {
        // Statistic = current chunk's first value: chunks of [0..9] in 5 chunks start at 0, 2, 4, 6, 8.
        double[] reference = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();

        var result = ThresholdCalibration.FromReference(reference, (_, c) => c[0], chunks: 5);

        double sd = Math.Sqrt(new[] { 0.0, 2, 4, 6, 8 }.Sum(x => (x - 4) * (x - 4)) / 4);
        Assert.Equal(4, result.Mean);
        Assert.Equal(sd, result.StandardDeviation, 12);
        Assert.Equal(4 + (3 * sd), result.Threshold, 12);
    }

    [Fact]
    public void FromReference_ChunkVersusRest_PassesDisjointSamples()
    {
        double[] reference = Enumerable.Range(0, 12).Select(i => (double)i).ToArray();
        var sizes = new List<(int, int)>();

        ThresholdCalibration.FromReference(reference, (r, c) => { sizes.Add((r.Length, c.Length)); return r.IndexOf(c[0]) < 0 ? 0 : 1; }, chunks: 4);
        var whole = ThresholdCalibration.FromReference(reference, (r, c) => r.Length, chunks: 4, comparison: CalibrationComparison.ChunkVersusWhole);

        Assert.All(sizes, s => Assert.Equal((9, 3), s));
        Assert.Equal(12, whole.Mean);
    }

    [Fact]
    public void FromReference_PsiOnStationaryData_ThresholdAboveTypicalNoise()
    {
        var rng = new SplitMix64(8);
        double[] reference = Enumerable.Range(0, 20_000).Select(_ => rng.NextNormal()).ToArray();

        var result = ThresholdCalibration.FromReference(reference, (r, c) => PopulationStabilityIndex.Compute(r, c).Value);

        Assert.InRange(result.Mean, 0.001, 0.02);
        Assert.True(result.Threshold > result.Mean);
        Assert.True(result.Threshold < 0.1);
    }

    [Fact]
    public void FromReference_BadInput_ThrowsNamingTheArgument()
    {
        double[] ok = new double[20];
        Assert.Equal("chunks", Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdCalibration.FromReference(ok, (_, _) => 0, chunks: 1)).ParamName);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => ThresholdCalibration.FromReference(ok, (_, _) => 0, chunks: 11)).ParamName);
        Assert.Equal("sigmas", Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdCalibration.FromReference(ok, (_, _) => 0, sigmas: double.NaN)).ParamName);
        Assert.Equal("statistic", Assert.Throws<ArgumentException>(() => ThresholdCalibration.FromReference(ok, (_, _) => double.NaN)).ParamName);
        Assert.Equal("statistic", Assert.Throws<ArgumentNullException>(() => ThresholdCalibration.FromReference(ok, null!)).ParamName);
    }
}

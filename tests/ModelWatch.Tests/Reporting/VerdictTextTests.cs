using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Reporting;

namespace ModelWatch.Tests.Reporting;

/// <summary>
/// The marks every view shows beside a detector: only the deciding detector says DRIFT or ok, the
/// others are information; PSI over thinly filled bins is "low count"; statistics are exact or bounded.
/// </summary>
public sealed class VerdictTextTests
{
    private static readonly DriftResult Ks = new() { Detector = "ks", Statistic = 0.2, PValue = 0.236, Threshold = 0.05, Basis = DriftDecisionBasis.PValue, IsDrift = false };
    private static readonly DriftResult Psi = new() { Detector = "psi", Statistic = 1.51, Threshold = 0.1, Basis = DriftDecisionBasis.Statistic, IsDrift = true };
    private static readonly DriftResult Js = new() { Detector = "jensen_shannon", Statistic = 0.39, Threshold = 0.1, Basis = DriftDecisionBasis.Statistic, IsDrift = true };

    [Fact]
    public void Of_OnlyTheDecidingDetectorIsAVerdict_TheOthersAreInformationWhateverTheirValue()
    {
        // The 100-row pair: KS decides (p = 0.236, no drift) while PSI and Jensen-Shannon pass their own thresholds.
        var feature = Feature(Ks, isDrift: false, [Ks, Psi, Js], reference: Tenths(100), current: Tenths(100));

        Assert.Equal(new VerdictMark(VerdictKind.NoDrift, LowCount: false), VerdictText.Of(feature, Ks));
        Assert.Equal("ok", VerdictText.Of(feature, Ks).Text);
        Assert.Equal("info", VerdictText.Of(feature, Psi).Text);
        Assert.Equal("info", VerdictText.Of(feature, Js).Text);
        Assert.False(VerdictText.Of(feature, Psi).IsVerdict);
        Assert.Equal("ok", VerdictText.Of(feature).Text);
    }

    [Fact]
    public void Of_TheColumnsVerdict_FollowsTheCorrectedFeatureVerdict()
    {
        // A multiple-testing correction can overrule the detector's own p < alpha.
        var drifted = Ks with { };
        var feature = Feature(drifted, isDrift: true, [drifted, Psi], Tenths(1_000), Tenths(1_000));

        Assert.Equal("DRIFT", VerdictText.Of(feature, drifted).Text);
        Assert.Equal("DRIFT", VerdictText.Of(feature).Text);
        Assert.Equal("no data", VerdictText.Of(new FeatureDriftReport { Name = "x" }).Text);
    }

    [Theory]
    [InlineData(50, false)] // 50 x 0.1 = 5 expected per bin: enough
    [InlineData(49, true)] // 4.9 expected: low
    [InlineData(30, true)]
    public void IsLowCount_FewerThanFiveExpectedCurrentValuesInABin(int current, bool low)
    {
        var feature = Feature(Psi, isDrift: true, [Psi, Ks], Tenths(1_000), Tenths(current));

        Assert.Equal(low, VerdictText.IsLowCount(feature));
        Assert.Equal(low ? "DRIFT, low count" : "DRIFT", VerdictText.Of(feature, Psi).Text);
        Assert.Equal(low ? "low count" : "info", VerdictText.Of(Feature(Ks, false, [Ks, Psi], Tenths(1_000), Tenths(current)), Psi).Text);

        // Only PSI is marked: the same counts leave KS alone.
        Assert.Equal("info", VerdictText.Of(feature, Ks).Text);
    }

    [Fact]
    public void IsLowCount_IgnoresTheUnseenBucketTheReferenceNeverSaw()
    {
        // Categories a, b and the unseen bucket (reference count 0 by construction).
        var feature = Feature(Psi, isDrift: false, [Psi], reference: [500, 500, 0], current: [60, 40, 3]);
        Assert.False(VerdictText.IsLowCount(feature));

        // A rare reference category is low: 100 x 2/1002 expects 0.2 values.
        Assert.True(VerdictText.IsLowCount(Feature(Psi, false, [Psi], [500, 500, 2, 0], [50, 50, 0, 0])));
    }

    [Fact]
    public void Exactness_ExactOrTheBoundOrBounded()
    {
        Assert.Equal("exact", VerdictText.Exactness(Ks with { Exactness = Exactness.Exact }));
        Assert.Equal("±0.01", VerdictText.Exactness(Ks with { Exactness = Exactness.Bounded, StatisticBound = 0.01 }));
        Assert.Equal("+-0.01", VerdictText.Exactness(Ks with { Exactness = Exactness.Bounded, StatisticBound = 0.01 }, ascii: true));
        Assert.Equal("bounded", VerdictText.Exactness(Ks with { Exactness = Exactness.Bounded, StatisticBound = null }));
        Assert.Equal("bounded", VerdictText.Exactness(Ks with { Exactness = Exactness.Bounded, StatisticBound = double.NaN }));
    }

    [Fact]
    public void Notes_AreAsciiWhereTheTerminalShowsThem()
    {
        Assert.All(new[] { VerdictText.MarksNote, VerdictText.LowCountNote, VerdictText.AsciiExactnessNote }, n => Assert.True(n.All(char.IsAscii), n));
    }

    [Fact]
    public void ClassName_MapsClassIndexesOnly()
    {
        string[] names = ["sun", "rain", "fog"];
        Assert.Equal("fog", VerdictText.ClassName(names, "2"));
        Assert.Equal("3", VerdictText.ClassName(names, "3"));
        Assert.Equal("(unseen)", VerdictText.ClassName(names, "(unseen)"));
        Assert.Equal("-1", VerdictText.ClassName(names, "-1"));
        Assert.Equal("2", VerdictText.ClassName([], "2"));
    }

    [Fact]
    public void ColumnTitle_NamesThePredictionByWhatItIs()
    {
        Assert.Equal("amount", VerdictText.ColumnTitle(new FeatureDriftReport { Name = "amount" }));
        Assert.Equal("Prediction — class", VerdictText.ColumnTitle(new FeatureDriftReport { Name = "prediction", IsPrediction = true, Kind = FeatureKind.Categorical }));
        Assert.Equal("Prediction — value", VerdictText.ColumnTitle(new FeatureDriftReport { Name = "prediction", IsPrediction = true, Kind = FeatureKind.Numeric }));
    }

    private static long[] Tenths(long total) => [.. Enumerable.Repeat(total / 10, 10)];

    private static FeatureDriftReport Feature(DriftResult verdict, bool isDrift, DriftResult[] detectors, long[] reference, long[] current) => new()
    {
        Name = "x",
        Verdict = verdict,
        IsDrift = isDrift,
        Detectors = [.. detectors],
        ReferenceCounts = [.. reference],
        CurrentCounts = [.. current],
        Count = current.Sum(),
    };
}

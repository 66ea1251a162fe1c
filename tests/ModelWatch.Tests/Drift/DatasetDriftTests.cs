using ModelWatch.Drift;

namespace ModelWatch.Tests.Drift;

public sealed class DatasetDriftTests
{
    private static DriftResult Test(double p) => new()
    {
        Detector = "chi_squared", Statistic = 1, PValue = p, Threshold = 0.05, Basis = DriftDecisionBasis.PValue,
        IsDrift = p < 0.05, ReferenceCount = 100, CurrentCount = 100,
    };

    private static DriftResult Effect(bool drift) => new()
    {
        Detector = "psi", Statistic = drift ? 0.3 : 0.01, Threshold = 0.1, Basis = DriftDecisionBasis.Statistic,
        IsDrift = drift, ReferenceCount = 100, CurrentCount = 100,
    };

    [Fact]
    public void Evaluate_HalfDrifted_IsDriftAtDefaultShare()
    {
        DriftResult[] features = [Test(0.01), Test(0.5), Effect(true), Effect(false)];

        var result = DatasetDrift.Evaluate(features);

        Assert.Equal(2, result.DriftedCount);
        Assert.Equal(0.5, result.DriftedShare);
        Assert.True(result.IsDrift);
        Assert.Equal([true, false, true, false], result.FeatureIsDrift.ToArray());
    }

    [Fact]
    public void Evaluate_WithCorrections_ReDecidesOnlyPValueResults()
    {
        // p = 0.01, 0.02, 0.04 over 3 tests: Bonferroni 0.03, 0.06, 0.12; BH 0.03, 0.03, 0.04.
        DriftResult[] features = [Test(0.01), Test(0.02), Test(0.04), Effect(true)];

        var none = DatasetDrift.Evaluate(features);
        var bonferroni = DatasetDrift.Evaluate(features, correction: MultipleTestingCorrection.Bonferroni);
        var bh = DatasetDrift.Evaluate(features, correction: MultipleTestingCorrection.BenjaminiHochberg);

        Assert.Equal(4, none.DriftedCount);
        Assert.Equal([true, false, false, true], bonferroni.FeatureIsDrift.ToArray());
        Assert.Equal([true, true, true, true], bh.FeatureIsDrift.ToArray());
        Assert.False(DatasetDrift.Evaluate(features, shareThreshold: 0.75, correction: MultipleTestingCorrection.Bonferroni).IsDrift);
    }

    [Fact]
    public void Evaluate_BadInput_ThrowsNamingTheArgument()
    {
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => DatasetDrift.Evaluate([])).ParamName);
        Assert.Equal("shareThreshold", Assert.Throws<ArgumentOutOfRangeException>(() => DatasetDrift.Evaluate([Effect(true)], double.NaN)).ParamName);
        Assert.Equal("shareThreshold", Assert.Throws<ArgumentOutOfRangeException>(() => DatasetDrift.Evaluate([Effect(true)], 0)).ParamName);
        var noP = Test(0.01) with { PValue = null };
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => DatasetDrift.Evaluate([noP])).ParamName);
    }
}

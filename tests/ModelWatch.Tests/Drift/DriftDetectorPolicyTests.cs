using ModelWatch.Drift;

namespace ModelWatch.Tests.Drift;

public sealed class DriftDetectorPolicyTests
{
    [Theory]
    [InlineData(FeatureKind.Numeric, 100, DriftDetectorKind.KolmogorovSmirnov)]
    [InlineData(FeatureKind.Numeric, 5_000, DriftDetectorKind.KolmogorovSmirnov)]
    [InlineData(FeatureKind.Numeric, 5_001, DriftDetectorKind.PopulationStabilityIndex)]
    [InlineData(FeatureKind.Categorical, 5_000, DriftDetectorKind.ChiSquared)]
    [InlineData(FeatureKind.Categorical, 1_000_000, DriftDetectorKind.JensenShannon)]
    public void Select_DefaultPolicy_SwitchesToEffectSizeAboveThreshold(FeatureKind kind, long n, DriftDetectorKind expected) =>
        Assert.Equal(expected, DriftDetectorPolicy.Default.Select(kind, n));

    [Fact]
    public void Select_CustomPolicy_UsesItsChoices()
    {
        var policy = new DriftDetectorPolicy { LargeSampleThreshold = 100, NumericLargeSample = DriftDetectorKind.Wasserstein };

        Assert.Equal(DriftDetectorKind.Wasserstein, policy.Select(FeatureKind.Numeric, 101));
        Assert.Equal(DriftDecisionBasis.Statistic, DriftDetectorPolicy.BasisOf(DriftDetectorKind.Wasserstein));
        Assert.Equal(DriftDecisionBasis.PValue, DriftDetectorPolicy.BasisOf(DriftDetectorKind.ChiSquared));
        Assert.Equal(0.1, DriftDetectorPolicy.DefaultThreshold(DriftDetectorKind.JensenShannon));
        Assert.Equal(0.05, DriftDetectorPolicy.DefaultThreshold(DriftDetectorKind.KolmogorovSmirnov));
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DriftDetectorPolicy { LargeSampleThreshold = 0 });
        Assert.Equal("currentCount", Assert.Throws<ArgumentOutOfRangeException>(() => DriftDetectorPolicy.Default.Select(FeatureKind.Numeric, -1)).ParamName);
        Assert.Equal("kind", Assert.Throws<ArgumentOutOfRangeException>(() => DriftDetectorPolicy.Default.Select((FeatureKind)3, 1)).ParamName);
    }
}

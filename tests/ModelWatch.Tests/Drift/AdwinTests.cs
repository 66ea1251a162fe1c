using ModelWatch.Drift;
using Xunit.Abstractions;
using static ModelWatch.Tests.Drift.ChangeDetectorSimulation;

namespace ModelWatch.Tests.Drift;

public sealed class AdwinTests(ITestOutputHelper output)
{
    [Fact]
    public void Add_StationaryBernoulli_FalseAlarmsInAtMostOnePercentOfRuns()
    {
        var figures = Bernoulli(() => new Adwin(), Stationary(0.2), Length, seed: 101);
        output.WriteLine($"ADWIN stationary Bernoulli(0.2): {figures}");
        Assert.True(figures.FalseAlarmRate <= 0.01, figures.ToString());
    }

    [Fact]
    public void Add_SuddenChangeAtMidpoint_MedianDelayAtMost300()
    {
        var figures = Bernoulli(() => new Adwin(), Sudden(0.2, 0.4), ChangePoint, seed: 102);
        output.WriteLine($"ADWIN sudden 0.2 -> 0.4: {figures}");
        Assert.True(figures.MedianDelay <= 300, figures.ToString());
    }

    [Fact]
    public void Add_GradualChangeOver2000_MedianDelayAtMost2500()
    {
        var figures = Bernoulli(() => new Adwin(), Gradual(0.2, 0.4), ChangePoint, seed: 103);
        output.WriteLine($"ADWIN gradual 0.2 -> 0.4 over 2000: {figures}");
        Assert.True(figures.MedianDelay <= 2500, figures.ToString());
    }

    [Fact]
    public void Add_AfterWarmUp_AllocatesNothing()
    {
        var detector = new Adwin(clock: 1);
        ChangeDetectorContract.AssertAddAllocatesNothing(detector);
    }

    [Fact]
    public void Add_AfterChange_ShrinksWindowToRecentData()
    {
        var detector = new Adwin();
        for (int i = 0; i < 2000; i++)
        {
            detector.Add(0);
        }

        long drifts = 0;
        for (int i = 0; i < 500; i++)
        {
            drifts += detector.Add(1) == ChangeDetectorState.Drift ? 1 : 0;
        }

        Assert.True(drifts >= 1);
        Assert.Equal(drifts, detector.DriftCount);
        Assert.True(detector.Width < 600, $"width {detector.Width}");
        Assert.True(detector.Mean > 0.9, $"mean {detector.Mean}");
    }

    [Fact]
    public void ResetAndNonFinite_BehaveAsDocumented() => ChangeDetectorContract.AssertResetAndNonFinite(new Adwin());

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => new Adwin(delta: 0)).ParamName);
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => new Adwin(delta: double.NaN)).ParamName);
        Assert.Equal("clock", Assert.Throws<ArgumentOutOfRangeException>(() => new Adwin(clock: 0)).ParamName);
        Assert.Equal("maxBucketsPerLevel", Assert.Throws<ArgumentOutOfRangeException>(() => new Adwin(maxBucketsPerLevel: 1)).ParamName);
        Assert.Equal("minSubWindowLength", Assert.Throws<ArgumentOutOfRangeException>(() => new Adwin(minSubWindowLength: 0)).ParamName);
    }
}

using ModelWatch.Drift;
using Xunit.Abstractions;
using static ModelWatch.Tests.Drift.ChangeDetectorSimulation;

namespace ModelWatch.Tests.Drift;

public sealed class PageHinkleyTests(ITestOutputHelper output)
{
    [Fact]
    public void Add_StationaryNormal_FalseAlarmsInAtMostOnePercentOfRuns()
    {
        var figures = Normal(() => new PageHinkley(), Stationary(0), Length, seed: 201);
        output.WriteLine($"Page-Hinkley stationary N(0,1): {figures}");
        Assert.True(figures.FalseAlarmRate <= 0.01, figures.ToString());
    }

    [Fact]
    public void Add_SuddenChangeAtMidpoint_MedianDelayAtMost300()
    {
        var figures = Normal(() => new PageHinkley(), Sudden(0, 1), ChangePoint, seed: 202);
        output.WriteLine($"Page-Hinkley sudden N(0,1) -> N(1,1): {figures}");
        Assert.True(figures.MedianDelay <= 300, figures.ToString());
    }

    [Fact]
    public void Add_GradualChangeOver2000_MedianDelayAtMost2500()
    {
        var figures = Normal(() => new PageHinkley(), Gradual(0, 1), ChangePoint, seed: 203);
        output.WriteLine($"Page-Hinkley gradual mean 0 -> 1 over 2000: {figures}");
        Assert.True(figures.MedianDelay <= 2500, figures.ToString());
    }

    [Fact]
    public void Add_ScaledStream_SameDecisionsAsStandardStream()
    {
        // Standardizing makes the detector scale-free: σ = 1000 behaves exactly like σ = 1.
        var a = Normal(() => new PageHinkley(), Sudden(0, 1), ChangePoint, seed: 204);
        var b = Run1000(() => new PageHinkley(), 204);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Add_Decrease_DetectedOnlyWhenLookedFor()
    {
        var down = new PageHinkley(direction: PageHinkleyDirection.Decrease);
        var up = new PageHinkley(direction: PageHinkleyDirection.Increase);
        var rng = new TestSupport.SplitMix64(5);
        long downDrifts = 0, upDrifts = 0;
        for (int t = 0; t < 4000; t++)
        {
            double x = rng.NextNormal() - (t >= 2000 ? 1 : 0);
            downDrifts += down.Add(x) == ChangeDetectorState.Drift ? 1 : 0;
            upDrifts += up.Add(x) == ChangeDetectorState.Drift ? 1 : 0;
        }

        Assert.True(downDrifts >= 1);
        Assert.Equal(0, upDrifts);
    }

    [Fact]
    public void Add_AfterWarmUp_AllocatesNothing() => ChangeDetectorContract.AssertAddAllocatesNothing(new PageHinkley());

    [Fact]
    public void ResetAndNonFinite_BehaveAsDocumented() => ChangeDetectorContract.AssertResetAndNonFinite(new PageHinkley());

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => new PageHinkley(delta: -1)).ParamName);
        Assert.Equal("lambda", Assert.Throws<ArgumentOutOfRangeException>(() => new PageHinkley(lambda: double.PositiveInfinity)).ParamName);
        Assert.Equal("lambda", Assert.Throws<ArgumentOutOfRangeException>(() => new PageHinkley(lambda: 0)).ParamName);
        Assert.Equal("minInstances", Assert.Throws<ArgumentOutOfRangeException>(() => new PageHinkley(minInstances: 1)).ParamName);
        Assert.Equal("direction", Assert.Throws<ArgumentOutOfRangeException>(() => new PageHinkley(direction: (PageHinkleyDirection)9)).ParamName);
    }

    private static Figures Run1000(Func<IChangeDetector> create, ulong seed) =>
        Normal(() => new ScaledDetector(create(), 1000, 5), Sudden(0, 1), ChangePoint, seed);

    /// <summary>Feeds the inner detector 1000·x + 5 (a stream in other units).</summary>
    private sealed class ScaledDetector(IChangeDetector inner, double scale, double offset) : IChangeDetector
    {
        public long Count => inner.Count;

        public ChangeDetectorState State => inner.State;

        public long DriftCount => inner.DriftCount;

        public ChangeDetectorState Add(double value) => inner.Add((value * scale) + offset);

        public void Reset() => inner.Reset();
    }
}

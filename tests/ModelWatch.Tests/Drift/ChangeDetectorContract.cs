using ModelWatch.Drift;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Drift;

/// <summary>Checks every <see cref="IChangeDetector"/> must pass.</summary>
internal static class ChangeDetectorContract
{
    /// <summary>STYLE.md §5.8: after warm-up (JIT, first touch), Add allocates nothing.</summary>
    public static void AssertAddAllocatesNothing(IChangeDetector detector)
    {
        var rng = new SplitMix64(9);
        var values = new double[200_000];
        for (int i = 0; i < values.Length; i++)
        {
            // A stream with changes, so the detection and shrinking paths run too.
            values[i] = (rng.NextUniform() < (i / 20_000 % 2 == 0 ? 0.2 : 0.6)) ? 1 : 0;
        }

        long allocated = Allocations.SteadyState(pass =>
        {
            foreach (double v in pass == 0 ? values.AsSpan(0, 20_000) : values)
            {
                detector.Add(v);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(detector.DriftCount > 0);
    }

    public static void AssertResetAndNonFinite(IChangeDetector detector)
    {
        for (int i = 0; i < 100; i++)
        {
            detector.Add(i % 5 == 0 ? 1 : 0);
        }

        var state = detector.State;
        Assert.Equal(state, detector.Add(double.NaN));
        Assert.Equal(state, detector.Add(double.PositiveInfinity));
        Assert.Equal(100, detector.Count);

        detector.Reset();

        Assert.Equal(0, detector.Count);
        Assert.Equal(0, detector.DriftCount);
        Assert.Equal(ChangeDetectorState.Stable, detector.State);
    }
}

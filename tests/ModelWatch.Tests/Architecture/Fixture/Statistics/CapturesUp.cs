using ModelWatch.Tests.Architecture.Fixture.Monitoring;

namespace ModelWatch.Tests.Architecture.Fixture.Statistics;

/// <summary>A back-reference inside a lambda: the compiler moves its body to a nested class, which must count as this type.</summary>
public static class CapturesUp
{
    public static Func<int> Later() => () => new CapturedMonitor().Count;
}

using ModelWatch.Tests.Architecture.Fixture.Monitoring;

namespace ModelWatch.Tests.Architecture.Fixture.Statistics;

/// <summary>A back-reference that only the IL of a method body shows: no signature names the upper type.</summary>
public static class CallsUp
{
    public static int Count() => new CalledMonitor().Count;
}

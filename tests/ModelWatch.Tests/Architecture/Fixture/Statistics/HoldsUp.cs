using ModelWatch.Tests.Architecture.Fixture.Monitoring;

namespace ModelWatch.Tests.Architecture.Fixture.Statistics;

/// <summary>A back-reference that only signatures show (a field, a property, a constructor parameter): no IL names the upper type.</summary>
public sealed class HoldsUp(HeldMonitor held)
{
    public HeldMonitor Held { get; } = held;
}

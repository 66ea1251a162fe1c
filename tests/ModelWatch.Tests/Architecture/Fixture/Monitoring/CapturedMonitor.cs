namespace ModelWatch.Tests.Architecture.Fixture.Monitoring;

/// <summary>An upper-layer fixture type that a lower fixture type references (see the Statistics fixtures).</summary>
public sealed class CapturedMonitor
{
    public int Count { get; set; }
}

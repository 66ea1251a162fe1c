namespace ModelWatch.Tests.Architecture.Fixture.Statistics;

/// <summary>A bottom-layer fixture type that the upper fixture layer uses (a downward reference, allowed).</summary>
public sealed class Counter
{
    public int Count { get; set; }
}

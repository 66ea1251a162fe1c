using ModelWatch.Tests.Architecture.Fixture.Statistics;

namespace ModelWatch.Tests.Architecture.Fixture.Monitoring;

/// <summary>A downward reference, in a signature and in IL: allowed, so never reported.</summary>
public sealed class CountsDown
{
    public Counter Counter { get; } = new();

    public void Add() => Counter.Count++;
}

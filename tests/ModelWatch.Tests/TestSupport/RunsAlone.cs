namespace ModelWatch.Tests.TestSupport;

/// <summary>
/// Tests that measure the process-wide managed heap run alone: other tests allocating at the same
/// time would make the figure meaningless.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "RunsAlone";
}

namespace ModelWatch.Tests.TestSupport;

/// <summary>A generous watchdog for asynchronous tests: a hang fails the test instead of the run.</summary>
internal static class TestContext
{
    public static CancellationToken Token => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}

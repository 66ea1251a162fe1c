namespace ModelWatch.Cli;

/// <summary>The tool's exit codes, for deployment gates.</summary>
internal static class ExitCodes
{
    /// <summary>Done; no drift, or drift without <c>--fail-on-drift</c>.</summary>
    public const int Success = 0;

    /// <summary>The dataset drifted and <c>--fail-on-drift</c> was given.</summary>
    public const int Drift = 1;

    /// <summary>A usage or input error (unknown option, missing file, malformed row, unreadable profile…).</summary>
    public const int Error = 2;
}

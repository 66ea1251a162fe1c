namespace ModelWatch.Monitoring;

/// <summary>The names ModelWatch gives segments.</summary>
[System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
public static class SegmentNames
{
    /// <summary>The segment that holds every prediction of a segment not tracked (beyond <see cref="SegmentOptions.MaxSegments"/>) or without a segment value.</summary>
    public const string Other = "(other)";

    /// <summary>What separates the values of a segment by several features in its name: "US|mobile".</summary>
    public const char Separator = '|';
}

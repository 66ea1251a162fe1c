namespace ModelWatch.Monitoring;

/// <summary>What every report about one window of one model says about that window.</summary>
public abstract class WindowReport
{
    /// <summary>Initializes a report whose header the object initializer sets.</summary>
    protected WindowReport()
    {
    }

    /// <summary>Initializes a report from a header worked out by <see cref="WindowHeader.For"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    private protected WindowReport(in WindowHeader header)
    {
        ModelName = header.ModelName;
        ModelVersion = header.ModelVersion;
        IsComplete = header.IsComplete;
        FirstSubWindow = header.FirstSubWindow;
        LastSubWindow = header.LastSubWindow;
        WindowStart = header.WindowStart;
        WindowEnd = header.WindowEnd;
        EvaluatedAt = header.EvaluatedAt;
    }

    /// <summary>Gets the model's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>Gets the model's version.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>Gets a value indicating whether the window is closed (complete) rather than still filling.</summary>
    public required bool IsComplete { get; init; }

    /// <summary>Gets the first sub-window of the window (time windows: its start is <see cref="WindowStart"/>).</summary>
    public required long FirstSubWindow { get; init; }

    /// <summary>Gets the last sub-window of the window.</summary>
    public required long LastSubWindow { get; init; }

    /// <summary>Gets the window's start (time windows; null for count windows).</summary>
    public DateTimeOffset? WindowStart { get; init; }

    /// <summary>Gets the window's end, exclusive (time windows; null for count windows).</summary>
    public DateTimeOffset? WindowEnd { get; init; }

    /// <summary>Gets when the report was made.</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }
}

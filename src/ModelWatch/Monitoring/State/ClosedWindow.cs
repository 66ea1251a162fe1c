namespace ModelWatch.Monitoring;

/// <summary>A closed window kept for its profile: its merged accumulator and where it lies.</summary>
internal sealed record ClosedWindow
{
    /// <summary>The window's sub-windows merged (it keeps full moments and sketches).</summary>
    public required WindowAccumulator Window { get; init; }

    /// <summary>The window's first sub-window.</summary>
    public required long FirstEpoch { get; init; }

    /// <summary>The window's last sub-window.</summary>
    public required long LastEpoch { get; init; }

    /// <summary>A segmented model's window per segment with rows in it, by segment name (empty otherwise).</summary>
    public IReadOnlyList<(string Name, WindowAccumulator Window)> Segments { get; init; } = [];

    /// <summary>When the evaluator closed it.</summary>
    public required DateTimeOffset ClosedAt { get; init; }
}

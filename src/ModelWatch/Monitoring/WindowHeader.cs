namespace ModelWatch.Monitoring;

/// <summary>
/// What every report says about its window, worked out in one place: the model, the sub-windows
/// it covers, their times (time windows) and whether the window is closed.
/// </summary>
internal readonly record struct WindowHeader
{
    public required string ModelName { get; init; }

    public required string ModelVersion { get; init; }

    public required bool IsComplete { get; init; }

    public required long FirstSubWindow { get; init; }

    public required long LastSubWindow { get; init; }

    public DateTimeOffset? WindowStart { get; init; }

    public DateTimeOffset? WindowEnd { get; init; }

    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>The header of the window <c>[first, last]</c> of a model version.</summary>
    /// <param name="model">The model version.</param>
    /// <param name="first">The window's first sub-window.</param>
    /// <param name="last">The window's last sub-window.</param>
    /// <param name="complete">Whether the window is closed.</param>
    /// <param name="clock">The model's window clock (null for count windows, which have no times).</param>
    /// <param name="now">When the report is made.</param>
    public static WindowHeader For(ModelDefinition model, long first, long last, bool complete, WindowClock? clock, DateTimeOffset now) => new()
    {
        ModelName = model.Name,
        ModelVersion = model.Version,
        IsComplete = complete,
        FirstSubWindow = first,
        LastSubWindow = last,
        WindowStart = clock?.StartOf(first),
        WindowEnd = clock?.StartOf(last + 1),
        EvaluatedAt = now,
    };
}

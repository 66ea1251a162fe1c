using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>What every report about one window of one model says about that window.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public abstract class WindowReport
{
    /// <summary>Initializes a report whose header the object initializer sets.</summary>
    private protected WindowReport()
    {
    }

    /// <summary>
    /// Initializes the report of the window <c>[first, last]</c> of a model version: the one place a
    /// window's header (model, sub-windows, their times, whether it is closed) is worked out.
    /// </summary>
    /// <param name="model">The model version.</param>
    /// <param name="first">The window's first sub-window.</param>
    /// <param name="last">The window's last sub-window.</param>
    /// <param name="complete">Whether the window is closed.</param>
    /// <param name="clock">The model's window clock (null for count windows, which have no times).</param>
    /// <param name="now">When the report is made.</param>
    private protected WindowReport(ModelDefinition model, long first, long last, bool complete, WindowClock? clock, DateTimeOffset now)
    {
        ModelName = model.Name;
        ModelVersion = model.Version;
        ClassNames = model.Quality.ClassNames;
        IsComplete = complete;
        FirstSubWindow = first;
        LastSubWindow = last;
        WindowStart = clock?.StartOf(first);
        WindowEnd = clock?.StartOf(last + 1);
        EvaluatedAt = now;
    }

    /// <summary>Gets the model's name.</summary>
    public string ModelName { get; internal init; } = "";

    /// <summary>Gets the model's version.</summary>
    public string ModelVersion { get; internal init; } = "";

    /// <summary>
    /// Gets the names of the classifier's classes in class-index order (<c>Quality:ClassNames</c>, the
    /// builder's <c>ClassNames</c>); empty when the model names none. A multiclass prediction is
    /// counted by class index (the categories <c>"0"</c>, <c>"1"</c>…): name <c>i</c> is the class of category <c>"i"</c>.
    /// </summary>
    public ImmutableArray<string> ClassNames { get; internal init; } = [];

    /// <summary>Gets a value indicating whether the window is closed (complete) rather than still filling.</summary>
    public bool IsComplete { get; internal init; }

    /// <summary>Gets the first sub-window of the window (time windows: its start is <see cref="WindowStart"/>).</summary>
    public long FirstSubWindow { get; internal init; }

    /// <summary>Gets the last sub-window of the window.</summary>
    public long LastSubWindow { get; internal init; }

    /// <summary>Gets the window's start (time windows; null for count windows).</summary>
    public DateTimeOffset? WindowStart { get; internal init; }

    /// <summary>Gets the window's end, exclusive (time windows; null for count windows).</summary>
    public DateTimeOffset? WindowEnd { get; internal init; }

    /// <summary>Gets when the report was made.</summary>
    public DateTimeOffset EvaluatedAt { get; internal init; }
}

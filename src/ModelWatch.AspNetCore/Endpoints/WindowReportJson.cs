using System.Text.Json.Serialization;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// What the JSON of every report about one window says about that window (a <see cref="WindowReport"/>'s
/// header): drift and quality reports share it.
/// </summary>
/// <remarks>
/// System.Text.Json writes a derived record's own properties before its base's. The orders keep the
/// documented sequence (package README): model and version, the report's own word
/// (<see cref="WordOrder"/>: its status or basis), the window, then the rest of the report.
/// </remarks>
internal abstract record WindowReportJson
{
    /// <summary>The order of the word a derived report writes between its model and its window.</summary>
    protected const int WordOrder = -2;

    private const int ModelOrder = WordOrder - 1;
    private const int WindowOrder = WordOrder + 1;

    private readonly WindowReport _report;

    protected WindowReportJson(WindowReport report) => _report = report;

    [JsonPropertyOrder(ModelOrder)]
    public string ModelName => _report.ModelName;

    [JsonPropertyOrder(ModelOrder)]
    public string ModelVersion => _report.ModelVersion;

    [JsonPropertyOrder(WindowOrder)]
    public bool IsComplete => _report.IsComplete;

    [JsonPropertyOrder(WindowOrder)]
    public long FirstSubWindow => _report.FirstSubWindow;

    [JsonPropertyOrder(WindowOrder)]
    public long LastSubWindow => _report.LastSubWindow;

    [JsonPropertyOrder(WindowOrder)]
    public DateTimeOffset? WindowStart => _report.WindowStart;

    [JsonPropertyOrder(WindowOrder)]
    public DateTimeOffset? WindowEnd => _report.WindowEnd;

    [JsonPropertyOrder(WindowOrder)]
    public DateTimeOffset EvaluatedAt => _report.EvaluatedAt;
}

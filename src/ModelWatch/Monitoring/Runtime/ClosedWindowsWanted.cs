namespace ModelWatch.Monitoring;

/// <summary>
/// Registered when something saves closed windows (a profile store): only then does the evaluator
/// keep them in <see cref="MonitorState.ClosedWindows"/>.
/// </summary>
internal sealed class ClosedWindowsWanted;

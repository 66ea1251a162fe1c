using ModelWatch.Monitoring;
using ModelWatch.OnnxRuntime;

namespace Microsoft.ML.OnnxRuntime;

/// <summary>Monitoring for ONNX Runtime sessions: <c>session.WithModelWatch(monitor)</c>.</summary>
public static class InferenceSessionExtensions
{
    /// <summary>Wraps <paramref name="session"/> so that every run through the wrapper is logged to <paramref name="monitor"/>.</summary>
    /// <param name="session">The session (not owned by the wrapper).</param>
    /// <param name="monitor">The model's monitor; its features must be those derived from the model (register it with <c>.Features(session, options)</c>).</param>
    /// <param name="options">Exclusions, names, custom inputs and the prediction output; null: the defaults of <see cref="OnnxMonitoringOptions"/>.</param>
    /// <returns>The monitored session.</returns>
    /// <exception cref="ArgumentException">An input the rules cannot map, a monitor whose schema differs from the model's, or no output that fits the prediction.</exception>
    public static MonitoredInferenceSession WithModelWatch(this InferenceSession session, IModelMonitor monitor, OnnxMonitoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(monitor);
        return new MonitoredInferenceSession(session, monitor, options);
    }
}

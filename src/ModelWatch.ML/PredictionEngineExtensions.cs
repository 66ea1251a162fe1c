using System.Runtime.CompilerServices;
using ModelWatch.ML;
using ModelWatch.Monitoring;

namespace Microsoft.ML;

/// <summary>Monitoring for ML.NET prediction engines: <c>engine.PredictAndLog(input, monitor)</c>.</summary>
public static class PredictionEngineExtensions
{
    /// <summary>Wraps <paramref name="engine"/> so that every prediction through the wrapper is logged to <paramref name="monitor"/>.</summary>
    /// <typeparam name="TInput">The engine's input class.</typeparam>
    /// <typeparam name="TOutput">The engine's output class.</typeparam>
    /// <param name="engine">The engine.</param>
    /// <param name="monitor">The model's monitor; its features must be those of <typeparamref name="TInput"/> (register it with <c>.Features&lt;TInput&gt;()</c>).</param>
    /// <param name="options">Excluded input columns and the prediction's column; null: the defaults of <see cref="MLMonitoringOptions"/>.</param>
    /// <returns>The monitored engine.</returns>
    /// <exception cref="ArgumentException">The monitor's schema does not match the input class, or no output column fits the prediction.</exception>
    public static MonitoredPredictionEngine<TInput, TOutput> WithModelWatch<TInput, TOutput>(this PredictionEngine<TInput, TOutput> engine, IModelMonitor monitor, MLMonitoringOptions? options = null)
        where TInput : class
        where TOutput : class, new()
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(monitor);
        return new MonitoredPredictionEngine<TInput, TOutput>(engine, monitor, options);
    }

    /// <summary>
    /// Runs <paramref name="engine"/> on <paramref name="input"/> and logs the prediction to
    /// <paramref name="monitor"/>, with the default <see cref="MLMonitoringOptions"/>.
    /// </summary>
    /// <typeparam name="TInput">The engine's input class.</typeparam>
    /// <typeparam name="TOutput">The engine's output class.</typeparam>
    /// <param name="engine">The engine.</param>
    /// <param name="input">The input.</param>
    /// <param name="monitor">The model's monitor.</param>
    /// <param name="predictionId">The prediction's id (null: not held for an outcome).</param>
    /// <returns>The engine's output, unchanged.</returns>
    /// <exception cref="ArgumentException">On the first call for this engine and monitor: the monitor's schema does not match the input class.</exception>
    /// <remarks>
    /// The mapping is built on the first call for an engine and kept beside it (one table lookup per
    /// call after that); keep a <see cref="MonitoredPredictionEngine{TInput, TOutput}"/> from
    /// <see cref="WithModelWatch"/> instead to skip the lookup or to pass options.
    /// </remarks>
    public static TOutput PredictAndLog<TInput, TOutput>(this PredictionEngine<TInput, TOutput> engine, TInput input, IModelMonitor monitor, string? predictionId = null)
        where TInput : class
        where TOutput : class, new()
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(monitor);
        var monitored = Monitored<TInput, TOutput>.Table.GetValue(engine, e => e.WithModelWatch(monitor));
        if (!ReferenceEquals(monitored.Monitor, monitor))
        {
            // The same engine logged to another monitor: the new pairing replaces the old.
            monitored = engine.WithModelWatch(monitor);
            Monitored<TInput, TOutput>.Table.AddOrUpdate(engine, monitored);
        }

        return monitored.Predict(input, predictionId);
    }

    private static class Monitored<TInput, TOutput>
        where TInput : class
        where TOutput : class, new()
    {
        // Weak keys: the wrapper lives as long as its engine, and no longer.
        public static readonly ConditionalWeakTable<PredictionEngine<TInput, TOutput>, MonitoredPredictionEngine<TInput, TOutput>> Table = [];
    }
}

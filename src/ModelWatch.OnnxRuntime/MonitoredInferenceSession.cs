using Microsoft.ML.OnnxRuntime;
using ModelWatch.Monitoring;
using ModelWatch.OnnxRuntime.Internal;

namespace ModelWatch.OnnxRuntime;

/// <summary>
/// An ONNX Runtime <see cref="InferenceSession"/> whose runs are logged to a monitor: each
/// <c>Run</c> runs the model, then logs one row per item of the batch (the inputs' features and
/// the prediction output). Create it with <see cref="InferenceSessionExtensions.WithModelWatch"/>.
/// </summary>
/// <remarks>
/// <para>
/// Safe from any number of threads, as the session is (buffers are per thread). It does not own the
/// session: dispose the session yourself; disposing the wrapper releases its per-thread buffers and
/// its default run options. The outputs are returned unchanged and stay the caller's
/// to dispose.
/// </para>
/// <para>
/// Logging never throws into the caller: a run whose inputs or outputs cannot be read as the schema
/// says (a missing input, a batch size that differs between inputs) is counted in
/// <see cref="DroppedRuns"/>. A failure of the model itself is ONNX Runtime's exception, passed on
/// and not logged.
/// </para>
/// </remarks>
public sealed class MonitoredInferenceSession : IDisposable
{
    private readonly OnnxPrediction _prediction;
    private readonly ThreadLocal<Scratch> _scratch;
    private readonly InputColumn[] _columns;
    private readonly RunOptions _defaultRunOptions = new();
    private long _dropped;

    internal MonitoredInferenceSession(InferenceSession session, IModelMonitor monitor, OnnxMonitoringOptions? options)
    {
        options ??= new OnnxMonitoringOptions();
        Session = session;
        Monitor = monitor;
        Schema = OnnxInputSchema.Create(session, options);
        var expected = monitor.Schema;
        if (!expected.NumericFeatures.SequenceEqual(Schema.NumericFeatures, StringComparer.Ordinal)
            || !expected.CategoricalFeatures.SequenceEqual(Schema.CategoricalFeatures, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The model '{monitor.ModelName}' is monitored with numeric features [{string.Join(", ", expected.NumericFeatures)}] and categorical features [{string.Join(", ", expected.CategoricalFeatures)}], "
                + $"but the ONNX model gives numeric [{string.Join(", ", Schema.NumericFeatures)}] and categorical [{string.Join(", ", Schema.CategoricalFeatures)}]. "
                + "Register the model with .Features(session, options) (ModelWatch.OnnxRuntime) so that both come from the model.", nameof(monitor));
        }

        _prediction = OnnxPrediction.Create(session, expected.Prediction, options);
        _columns = [.. Schema.Columns];
        int columns = _columns.Length;
        int numeric = Schema.NumericFeatures.Length;
        int categorical = Schema.CategoricalFeatures.Length;
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(columns, numeric, categorical));
    }

    /// <summary>Gets the wrapped session (runs through it directly are not logged).</summary>
    public InferenceSession Session { get; }

    /// <summary>Gets the monitor the runs are logged to.</summary>
    public IModelMonitor Monitor { get; }

    /// <summary>Gets the features derived from the model's inputs.</summary>
    public OnnxInputSchema Schema { get; }

    /// <summary>Gets the name of the output logged as the prediction (null when the prediction is not monitored).</summary>
    public string? PredictionOutput => _prediction.Output;

    /// <summary>Gets how many runs succeeded but could not be logged.</summary>
    public long DroppedRuns => Interlocked.Read(ref _dropped);

    /// <summary>Runs the model on <paramref name="inputs"/>, computing every output, and logs each row.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <returns>The outputs, as <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue})"/> returns them (dispose them).</returns>
    public IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Run(IReadOnlyCollection<NamedOnnxValue> inputs)
    {
        var outputs = Session.Run(inputs);
        var scratch = _scratch.Value!;
        var call = scratch.Named;
        call.Inputs = inputs;
        call.Outputs = outputs;
        try
        {
            Log(call, scratch);
        }
        finally
        {
            call.Inputs = [];
            call.Outputs = [];
        }

        return outputs;
    }

    /// <summary>
    /// Runs the model on <see cref="OrtValue"/> inputs and logs each row. When
    /// <paramref name="outputNames"/> lacks the prediction output (or the class probabilities output),
    /// it is computed too, read, and disposed: only the requested outputs are returned.
    /// </summary>
    /// <param name="runOptions">The run options (null: the defaults).</param>
    /// <param name="inputNames">The input names.</param>
    /// <param name="inputValues">The input values, in the order of <paramref name="inputNames"/>.</param>
    /// <param name="outputNames">The outputs to return.</param>
    /// <returns>The requested outputs, in the order of <paramref name="outputNames"/> (dispose them).</returns>
    public IDisposableReadOnlyCollection<OrtValue> Run(RunOptions? runOptions, IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputValues, IReadOnlyCollection<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(outputNames);
        int requested = outputNames.Count;
        IReadOnlyList<string> names = Missing(outputNames) is { Count: > 0 } missing ? [.. outputNames, .. missing] : outputNames as IReadOnlyList<string> ?? [.. outputNames];
        var outputs = Session.Run(runOptions ?? _defaultRunOptions, inputNames, inputValues, names);
        var scratch = _scratch.Value!;
        var call = scratch.Ort;
        call.InputNames = inputNames;
        call.InputValues = inputValues;
        call.OutputNames = names;
        call.OutputValues = outputs;
        try
        {
            Log(call, scratch);
        }
        finally
        {
            call.InputNames = [];
            call.InputValues = [];
            call.OutputNames = [];
            call.OutputValues = [];
        }

        return names.Count == requested ? outputs : new RequestedOutputs(outputs, requested);
    }

    /// <summary>Releases the per-thread buffers and the default run options; the session stays open.</summary>
    public void Dispose()
    {
        _scratch.Dispose();
        _defaultRunOptions.Dispose();
    }

    private List<string>? Missing(IReadOnlyCollection<string> outputNames)
    {
        List<string>? missing = null;
        foreach (string? needed in (ReadOnlySpan<string?>)[_prediction.Output, _prediction.ProbabilitiesOutput])
        {
            if (needed is not null && !outputNames.Contains(needed) && missing?.Contains(needed) != true)
            {
                (missing ??= []).Add(needed);
            }
        }

        return missing;
    }

    private void Log(CallValues call, Scratch scratch)
    {
        try
        {
            if (!TryLog(call, scratch))
            {
                Interlocked.Increment(ref _dropped);
            }
        }
#pragma warning disable CA1031 // The logging path never throws into the caller: a run it cannot read is counted.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private bool TryLog(CallValues call, Scratch scratch)
    {
        int rows = -1;
        for (int c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c];
            if (column.Kind == InputKind.Custom)
            {
                continue;
            }

            int n = column.Kind == InputKind.Numeric
                ? call.Numbers(output: false, column.Name, column.ElementType, ref scratch.Numbers[c])
                : call.Text(output: false, column.Name, column.ElementType, ref scratch.Texts[c]);
            if (!column.Batched)
            {
                if (n != column.Width)
                {
                    return false;
                }

                continue; // one row by its shape: the same values for every item of the batch
            }

            int columnRows = n >= 0 && n % column.Width == 0 ? n / column.Width : -1;
            if (columnRows < 0 || (rows >= 0 && columnRows != rows))
            {
                return false;
            }

            rows = columnRows;
        }

        int predicted = _prediction.Mode == PredictionMode.None ? -1 : _prediction.Read(call, ref scratch.Predictions, ref scratch.PredictionText);
        if (_prediction.Mode != PredictionMode.None)
        {
            if (predicted < 0 || (rows >= 0 && predicted != rows))
            {
                return false;
            }

            rows = predicted;
        }

        if (rows < 0)
        {
            rows = 1; // only custom inputs and no prediction: one row per run
        }

        int classes = 0;
        if (_prediction.ProbabilitiesOutput is string probabilities)
        {
            int n = _prediction.ProbabilitiesZipMap
                ? call.Maps(output: true, probabilities, ref scratch.Probabilities, out _)
                : call.Numbers(output: true, probabilities, _prediction.ProbabilitiesType, ref scratch.Probabilities);
            if (n < 0 || n % rows != 0)
            {
                return false;
            }

            classes = n / rows;
        }

        var numeric = scratch.RowNumeric;
        var categorical = scratch.RowCategorical;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < _columns.Length; c++)
            {
                var column = _columns[c];
                switch (column.Kind)
                {
                    case InputKind.Numeric:
                        scratch.Numbers[c].AsSpan(column.Batched ? r * column.Width : 0, column.Width).CopyTo(numeric.AsSpan(column.NumericOffset));
                        break;
                    case InputKind.Categorical:
                        scratch.Texts[c].AsSpan(column.Batched ? r * column.Width : 0, column.Width).CopyTo(categorical.AsSpan(column.CategoricalOffset));
                        break;
                    default:
                        var custom = column.Custom!;
                        custom.Mapper(
                            call.Input(column.Name),
                            r,
                            numeric.AsSpan(column.NumericOffset, custom.NumericFeatures.Count),
                            categorical.AsSpan(column.CategoricalOffset, custom.CategoricalFeatures.Count));
                        break;
                }
            }

            Monitor.Log(new PredictionEntry
            {
                Features = numeric,
                Categories = categorical,
                Value = predicted < 0 ? double.NaN : scratch.Predictions[r],
                ClassProbabilities = scratch.Probabilities.AsSpan(r * classes, classes),
            });
        }

        return true;
    }
}

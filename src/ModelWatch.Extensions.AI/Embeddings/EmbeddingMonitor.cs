using System.Globalization;
using ModelWatch.Extensions.AI.Embeddings;
using ModelWatch.Monitoring;

namespace ModelWatch.Extensions.AI;

/// <summary>
/// Watches the vectors of one embedding model. Each logged vector is projected to at most 64
/// components (a seeded random projection), which are logged as the features of the ModelWatch
/// model of the same name — so the share of drifted components is that model's dataset drift, with
/// its windows, alerts, dashboard and metrics — and is added to the streamed mean vector and the
/// seeded row sample of the reference (the first vectors) or of the current window. When the model's
/// window closes, the mean-vector distance, MMD² and the domain classifier compare the window with
/// the reference (<see cref="LatestReport"/>, the <c>modelwatch.genai.embedding.*</c> gauges).
/// </summary>
/// <remarks>
/// Memory is fixed at creation: the projection (64 × dimension floats), and per side (reference,
/// window, and a spare window being evaluated) the mean's sums (dimension doubles) and the sample
/// (SampleSize × dimension floats); at 384 dimensions and the defaults, 3 × (3 kB + 1.5 MB) + 98 kB ≈ 4.7 MB,
/// however many vectors are logged (<see cref="Bytes"/>).
/// </remarks>
public sealed class EmbeddingMonitor
{
    private readonly IModelMonitor _monitor;
    private readonly RandomProjection _projection;
    private readonly ModelWatchEmbeddingOptions _options;
    private readonly EmbeddingCounters _counters;
    private readonly Lock _logging = new();
    private readonly Lock _evaluating = new();
    private readonly EmbeddingSide _reference;
    private EmbeddingSide _current;
    private EmbeddingSide _spare;
    private EmbeddingDriftReport? _latest;
    private Task _evaluation = Task.CompletedTask;

    internal EmbeddingMonitor(IModelMonitor monitor, int dimensions, ModelWatchEmbeddingOptions options, EmbeddingCounters counters)
    {
        _monitor = monitor;
        _options = options;
        _counters = counters;
        Dimensions = dimensions;
        ulong seed = (ulong)options.Seed;
        _projection = new RandomProjection(dimensions, options.ProjectedComponents, seed);
        _reference = new EmbeddingSide(dimensions, options.SampleSize, seed + 1);
        _current = new EmbeddingSide(dimensions, options.SampleSize, seed + 2);
        _spare = new EmbeddingSide(dimensions, options.SampleSize, seed + 2);
    }

    /// <summary>Raised after each closed window's row-based methods are computed.</summary>
    public event EventHandler<EmbeddingDriftReport>? ReportPublished;

    /// <summary>Gets the ModelWatch model's name.</summary>
    public string ModelName => _monitor.ModelName;

    /// <summary>Gets the vectors' length.</summary>
    public int Dimensions { get; }

    /// <summary>Gets the components the per-component sketches keep (the ModelWatch model's features, <see cref="ComponentName"/>).</summary>
    public int ProjectedComponents => _projection.Components;

    /// <summary>Gets the report of the last closed window, or null before one closed.</summary>
    public EmbeddingDriftReport? LatestReport => Volatile.Read(ref _latest);

    /// <summary>Gets the bytes this monitor keeps, fixed at creation (the ModelWatch model's own sketches come on top).</summary>
    public long Bytes => _projection.Bytes + _reference.Bytes + _current.Bytes + _spare.Bytes;

    /// <summary>Gets the vectors not logged: wrong length, non-finite components, or a failure of ModelWatch's own.</summary>
    public long RejectedVectors => _counters.WrongLength + _counters.NonFinite + _counters.Failures;

    /// <summary>The feature name of projected component <paramref name="index"/>: <c>embedding.c00</c>…<c>embedding.c63</c>.</summary>
    /// <param name="index">The component, from 0.</param>
    /// <returns>The name.</returns>
    internal static string ComponentName(int index) => string.Create(CultureInfo.InvariantCulture, $"embedding.c{index:D2}");

    /// <summary>
    /// Logs one vector. Never throws and never allocates: a vector of the wrong length or with a
    /// non-finite component is counted (<c>modelwatch.genai.embeddings.rejected</c>) and dropped.
    /// </summary>
    /// <param name="vector">The embedding, of length <see cref="Dimensions"/>.</param>
    public void LogEmbedding(ReadOnlySpan<float> vector)
    {
        try
        {
            if (vector.Length != Dimensions)
            {
                _counters.WrongLengthSeen();
                return;
            }

            for (int d = 0; d < vector.Length; d++)
            {
                if (!float.IsFinite(vector[d]))
                {
                    _counters.NonFiniteSeen();
                    return;
                }
            }

            Span<double> components = stackalloc double[_projection.Components];
            _projection.Project(vector, components);
            _monitor.Log(components, 0.0);
            lock (_logging)
            {
                (_reference.Count < _options.ReferenceSize ? _reference : _current).Add(vector);
            }
        }
        catch (Exception)
        {
            _counters.Failed(); // never into the caller
        }
    }

    /// <summary>Closes the current window: compares it with the reference and starts the next one.</summary>
    internal EmbeddingDriftReport? CloseWindow(DateTimeOffset at)
    {
        lock (_evaluating)
        {
            EmbeddingSide closed;
            lock (_logging)
            {
                if (_reference.Count < _options.ReferenceSize)
                {
                    return null; // the reference is still filling; so is the model's
                }

                closed = _current;
                _current = _spare;
            }

            try
            {
                var report = EmbeddingRowMethods.Evaluate(ModelName, _reference, closed, Dimensions, _options, at);
                Volatile.Write(ref _latest, report);
                ReportPublished?.Invoke(this, report);
                return report;
            }
            finally
            {
                closed.Clear();
                _spare = closed;
            }
        }
    }

    /// <summary>
    /// Completes when the comparison of the last closed window is done: it runs on the thread pool
    /// (a second or two at 1,000 rows a side), after the model's report is published. Await it after
    /// <c>IModelWatch.EvaluateAsync</c> to read <see cref="LatestReport"/> in a batch job or a test.
    /// </summary>
    /// <returns>The evaluation's task; completed when none is running.</returns>
    public Task WhenEvaluatedAsync() => Volatile.Read(ref _evaluation);

    internal void OnReportPublished(object? sender, DriftReportEventArgs e)
    {
        if (!e.Report.IsComplete || !string.Equals(e.Report.ModelName, ModelName, StringComparison.Ordinal))
        {
            return;
        }

        var at = e.Report.EvaluatedAt;
        Volatile.Write(ref _evaluation, Task.Run(() =>
        {
            try
            {
                CloseWindow(at);
            }
            catch (Exception)
            {
                _counters.Failed(); // a handler of ReportPublished, or the methods, failed: counted, the runtime goes on
            }
        }));
    }
}

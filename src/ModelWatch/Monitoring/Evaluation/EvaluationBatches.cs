using System.Threading.Channels;

namespace ModelWatch.Monitoring;

/// <summary>
/// A pass's models evaluated in batches on the thread pool, each batch across up to
/// <c>parallelism</c> threads, while the caller takes the finished batches in model order: the
/// evaluating threads go on with the next batch while the previous one is published and its alerts
/// dispatched, instead of waiting for that at every batch.
/// </summary>
/// <remarks>
/// At most two finished batches wait for the caller (one in the hand-over, one being evaluated
/// ahead), so reports still follow their evaluation closely. <see cref="DisposeAsync"/> stops the
/// evaluation and returns only once no evaluation runs any more: the engine's evaluation gate covers
/// every evaluation of the pass.
/// </remarks>
internal sealed class EvaluationBatches : IAsyncDisposable
{
    private readonly Channel<Batch> _finished = Channel.CreateBounded<Batch>(
        new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _stop;
    private readonly Task _evaluating;

    /// <param name="monitors">The models of the pass, in the order they are published.</param>
    /// <param name="batchSize">Models per batch.</param>
    /// <param name="parallelism">Threads evaluating one batch, at most.</param>
    /// <param name="evaluate">Evaluates one model; null when it failed or the pass stopped (it never throws).</param>
    /// <param name="cancellationToken">Stops the evaluation between two models.</param>
    public EvaluationBatches(ModelMonitor[] monitors, int batchSize, int parallelism, Func<ModelMonitor, CancellationToken, MonitorEvaluation?> evaluate, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = _stop.Token;
        _evaluating = Task.Run(() => EvaluateAllAsync(monitors, batchSize, parallelism, evaluate, token), CancellationToken.None);
    }

    /// <summary>The finished batches in model order; ends early (without an exception) when the pass is stopped.</summary>
    public IAsyncEnumerable<Batch> Finished => _finished.Reader.ReadAllAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _evaluating.ConfigureAwait(false); // never faults: see EvaluateAllAsync
        _stop.Dispose();
    }

    private async Task EvaluateAllAsync(ModelMonitor[] monitors, int batchSize, int parallelism, Func<ModelMonitor, CancellationToken, MonitorEvaluation?> evaluate, CancellationToken token)
    {
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
            for (int start = 0; start < monitors.Length && !token.IsCancellationRequested; start += batchSize)
            {
                var models = new ArraySegment<ModelMonitor>(monitors, start, Math.Min(batchSize, monitors.Length - start));
                var evaluations = new MonitorEvaluation?[models.Count];

                // Models are handed out one at a time: most of a fleet's models are idle in a pass
                // (microseconds each) and the active ones cluster (names sorted, entities grouped),
                // so ranges split ahead of time would leave one thread all the work.
                int next = -1;
                Parallel.For(0, Math.Min(parallelism, models.Count), options, _ =>
                {
                    for (int i = Interlocked.Increment(ref next); i < models.Count; i = Interlocked.Increment(ref next))
                    {
                        evaluations[i] = evaluate(models[i], token);
                    }
                });
                await _finished.Writer.WriteAsync(new Batch(models, evaluations), token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped: the batches already handed over are published, the rest are not evaluated.
        }
        catch (Exception ex)
        {
            _finished.Writer.TryComplete(ex); // the caller's loop throws it, as the pass did before
        }
        finally
        {
            _finished.Writer.TryComplete();
        }
    }

    /// <summary>One finished batch: the models and their evaluations, null where a model failed or was not evaluated.</summary>
    internal readonly record struct Batch(ArraySegment<ModelMonitor> Models, MonitorEvaluation?[] Evaluations);
}

using Microsoft.Extensions.Logging;

namespace ModelWatch.Monitoring;

/// <summary>
/// Runs user code — alert handlers, retraining triggers, report subscribers — isolated: each call
/// on the thread pool with its own timeout on the injected clock; a failure or a call that
/// outlives its timeout is logged and counted (<c>modelwatch.handler.errors</c>), never thrown.
/// </summary>
internal sealed class IsolatedCalls
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ModelWatchMetrics _metrics;

    public IsolatedCalls(TimeSpan timeout, TimeProvider time, ILogger logger, ModelWatchMetrics metrics)
    {
        Timeout = timeout;
        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>How long a call may run before it is abandoned.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Runs a call with the timeout; never throws (except for the caller's own cancellation).</summary>
    /// <param name="name">What is called, for the log.</param>
    /// <param name="model">The model it is called for, for the log.</param>
    /// <param name="call">The call; its token is cancelled at the timeout or with <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public async Task RunAsync(string name, string model, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        var timeout = new CancellationTokenSource(Timeout, _time);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var token = linked.Token;

        // The call always starts (on the thread pool, so a synchronous hang cannot block the
        // caller), even when the pool starts it after its timeout: the token is taken here, and
        // the sources live until the call ends, since an abandoned call may still be using them.
        var running = Task.Run(() => call(token), CancellationToken.None);
        _ = running.ContinueWith(
            static (_, state) =>
            {
                var (timeoutSource, linkedSource) = ((CancellationTokenSource, CancellationTokenSource))state!;
                linkedSource.Dispose();
                timeoutSource.Dispose();
            },
            (timeout, linked),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            // WaitAsync abandons a call that outlives its timeout or ignores its token.
            await running.WaitAsync(Timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && token.IsCancellationRequested))
        {
            Log.HandlerTimedOut(_logger, name, Timeout, model);
            _metrics.CountHandlerErrors("timeout", 1);
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(_logger, ex, name, model);
            _metrics.CountHandlerErrors(ex.GetType().Name, 1);
        }
    }
}

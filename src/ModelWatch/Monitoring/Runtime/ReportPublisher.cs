using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ModelWatch.Monitoring;

/// <summary>
/// Hands every new report to its subscribers without letting them hold evaluation up. The
/// <see cref="IModelWatch.ReportPublished"/> and <see cref="IModelWatch.QualityReportPublished"/>
/// events are raised as alert handlers are called (<see cref="IsolatedCalls"/>): on the thread
/// pool, each subscriber isolated, waited for at most the handler timeout; while a delivery an
/// evaluation gave up on still runs, new reports are not raised to that event (counted, logged
/// once), so nothing queues behind a blocked subscriber. <see cref="IModelWatch.WatchReportsAsync"/>
/// streams through bounded channels that drop (and count) the oldest for a slow reader.
/// </summary>
/// <remarks>Publishing is called by one evaluation at a time (the engine's evaluation gate).</remarks>
internal sealed class ReportPublisher
{
    /// <summary>Reports waiting for a slow <see cref="IModelWatch.WatchReportsAsync"/> reader, at most.</summary>
    public const int StreamCapacity = 1_024;

    private readonly ILogger _logger;
    private readonly ModelWatchMetrics _metrics;
    private readonly List<Channel<DriftReport>> _streams = [];
    private readonly Delivery _drift = new(nameof(IModelWatch.ReportPublished));
    private readonly Delivery _quality = new(nameof(IModelWatch.QualityReportPublished));

    public ReportPublisher(ILogger logger, ModelWatchMetrics metrics)
    {
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>Publishes one monitor's new reports: to the streams, then to each event's subscribers.</summary>
    public async Task PublishAsync(
        object sender,
        ModelMonitor monitor,
        MonitorEvaluation evaluation,
        EventHandler<DriftReportEventArgs>? driftSubscribers,
        EventHandler<QualityReportEventArgs>? qualitySubscribers,
        IsolatedCalls calls,
        CancellationToken cancellationToken)
    {
        lock (_streams)
        {
            foreach (var report in evaluation.DriftReports)
            {
                foreach (var stream in _streams)
                {
                    stream.Writer.TryWrite(report);
                }
            }
        }

        await RaiseAsync(_drift, sender, driftSubscribers, evaluation.DriftReports, static r => new DriftReportEventArgs(r), monitor.ModelName, calls, cancellationToken).ConfigureAwait(false);
        await RaiseAsync(_quality, sender, qualitySubscribers, evaluation.QualityReports, static r => new QualityReportEventArgs(r), monitor.ModelName, calls, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams new reports until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<DriftReport> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = Channel.CreateBounded<DriftReport>(
            new BoundedChannelOptions(StreamCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => _metrics.CountHandlerErrors("dropped", 1));
        lock (_streams)
        {
            _streams.Add(stream);
        }

        try
        {
            await foreach (var report in stream.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return report;
            }
        }
        finally
        {
            lock (_streams)
            {
                _streams.Remove(stream);
            }
        }
    }

    private async Task RaiseAsync<TReport, TArgs>(
        Delivery delivery,
        object sender,
        EventHandler<TArgs>? subscribers,
        List<TReport> reports,
        Func<TReport, TArgs> args,
        string model,
        IsolatedCalls calls,
        CancellationToken cancellationToken)
    {
        if (subscribers is null || reports.Count == 0)
        {
            return;
        }

        if (!delivery.Running.IsCompleted)
        {
            // A subscriber still holds an earlier delivery this evaluation stopped waiting for.
            _metrics.CountHandlerErrors("dropped", reports.Count);
            if (!delivery.BehindLogged)
            {
                Log.SubscribersBehind(_logger, delivery.Event, calls.Timeout, reports.Count, model);
                delivery.BehindLogged = true;
            }

            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        delivery.Running = done.Task;
        delivery.BehindLogged = false;
        var each = subscribers.GetInvocationList();
        await calls.RunAsync(
            delivery.Event + " subscribers",
            model,
            _ =>
            {
                try
                {
                    foreach (var report in reports)
                    {
                        var e = args(report);
                        foreach (var subscriber in each)
                        {
                            try
                            {
                                ((EventHandler<TArgs>)subscriber)(sender, e);
                            }
                            catch (Exception ex)
                            {
                                // One subscriber's bug neither stops the others nor evaluation.
                                Log.SubscriberFailed(_logger, ex, model);
                                _metrics.CountHandlerErrors(ex.GetType().Name, 1);
                            }
                        }
                    }
                }
                finally
                {
                    done.SetResult();
                }

                return Task.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One event's delivery in progress.</summary>
    private sealed class Delivery(string eventName)
    {
        public string Event { get; } = eventName;

        /// <summary>The latest delivery to the event's subscribers (completed when they all returned).</summary>
        public Task Running { get; set; } = Task.CompletedTask;

        /// <summary>Whether reports withheld while <see cref="Running"/> runs were logged.</summary>
        public bool BehindLogged { get; set; }
    }
}

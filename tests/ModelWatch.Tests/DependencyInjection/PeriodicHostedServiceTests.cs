using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.DependencyInjection;
using ModelWatch.Tests.Monitoring;

namespace ModelWatch.Tests.DependencyInjection;

/// <summary>
/// The hosted loop behind the evaluator and the snapshot service: a run in progress when the host
/// begins to stop ends early, so the final runs (the snapshot service's save first) do not wait
/// behind it; the final run still happens. Fake clock; a real-time watchdog only bounds a failure.
/// </summary>
public sealed class PeriodicHostedServiceTests
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunInProgressWhenTheHostBeginsStopping_EndsEarly_ThenTheFinalRunHappens()
    {
        var time = new FakeTimeProvider(TestModels.Start);
        using var lifetime = new Lifetime();
        using var loop = new SlowLoop(time, lifetime);
        await loop.StartAsync(CancellationToken.None);

        // The loop makes its timer on the thread pool: let intervals pass until a run has begun.
        using (var watchdog = new CancellationTokenSource(Watchdog))
        {
            while (!loop.Started.Task.IsCompleted)
            {
                time.Advance(SlowLoop.Interval);
                await Task.Delay(5, watchdog.Token);
            }
        }

        // The host begins to stop; its hosted services are not stopped yet.
        lifetime.StopApplication();
        await loop.Interrupted.Task.WaitAsync(Watchdog);
        Assert.False(loop.FinalRan);

        await loop.StopAsync(CancellationToken.None).WaitAsync(Watchdog);
        Assert.True(loop.FinalRan);
    }

    /// <summary>A run that lasts until it is cancelled.</summary>
    private sealed class SlowLoop(TimeProvider time, IHostApplicationLifetime lifetime) : PeriodicHostedService(time, lifetime)
    {
        public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Interrupted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool FinalRan { get; private set; }

        protected override TimeSpan Period => Interval;

        protected override async Task RunAsync(bool final, CancellationToken cancellationToken)
        {
            if (final)
            {
                FinalRan = true;
                return;
            }

            Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            finally
            {
                Interrupted.TrySetResult();
            }
        }
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();
    }
}

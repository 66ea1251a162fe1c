using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.TestSupport;

/// <summary>
/// A host's services with ModelWatch registered; the test starts and stops its hosted services
/// (restore at start, the final snapshot at stop) as a generic host would.
/// </summary>
internal sealed class HostedModelWatch(ServiceProvider services) : IAsyncDisposable
{
    public IModelWatch Watch => services.GetRequiredService<IModelWatch>();

    public IServiceProvider Services => services;

    public async Task StartAsync()
    {
        foreach (var s in services.GetServices<IHostedService>())
        {
            await s.StartAsync(CancellationToken.None);
        }
    }

    public async Task StopAsync()
    {
        foreach (var s in services.GetServices<IHostedService>().Reverse())
        {
            await s.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync() => await services.DisposeAsync();
}

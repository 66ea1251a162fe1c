using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;

namespace ModelWatch.Tests.TestSupport;

/// <summary>The runtime's parts, reached through the host's services as the runtime itself wires them.</summary>
internal static class RuntimeParts
{
    /// <summary>The registry of monitored model versions.</summary>
    public static ModelRegistry Registry(this IServiceProvider services) => services.GetRequiredService<ModelRegistry>();

    /// <summary>The only monitored model version.</summary>
    public static ModelMonitor SingleMonitor(this IServiceProvider services) => Assert.Single(services.Registry().Monitors);

    /// <summary>The snapshot scheduler a host with a store runs (<c>UseFileStore</c>, <c>UseStore</c>).</summary>
    public static SnapshotScheduler Scheduler(this IServiceProvider services) => services.GetRequiredService<SnapshotScheduler>();

    /// <summary>A snapshot scheduler over the host's monitors writing to <paramref name="store"/> (what <c>UseStore</c> registers).</summary>
    public static SnapshotScheduler Snapshots(this IServiceProvider services, IProfileStore store) =>
        new(services.Registry(), store, services.GetRequiredService<TimeProvider>());
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Storage.Tests.Contract;

/// <summary>
/// A store's secret (a password, an account key, a secret access key) never reaches a log line or
/// an exception: checked on a store whose secret is wrong, so every call fails and is logged.
/// </summary>
internal static class Secrets
{
    public static async Task NeverShownAsync(IProfileStore good, IProfileStore wrong, params string[] secrets)
    {
        void Clean(string? text, string where)
        {
            foreach (string secret in secrets)
            {
                Assert.False(text?.Contains(secret, StringComparison.Ordinal) ?? false, $"{where} shows a secret: {text}");
            }
        }

        Clean(good.Describe("m", "1", "pod-1/snapshot/a.json"), "Describe");
        Clean(wrong.Describe("m", "1", "pod-1/snapshot/a.json"), "Describe");

        // Every call fails (the credentials are refused) and its error says nothing secret.
        Func<Task>[] calls =
        [
            () => wrong.WriteAsync("m", "1", "pod-1/snapshot/a.json", (s, ct) => s.WriteAsync(new byte[] { 1 }, ct).AsTask(), CancellationToken.None),
            () => wrong.OpenReadAsync("m", "1", "pod-1/snapshot/a.json", CancellationToken.None),
            () => wrong.ListAsync("m", "1", CancellationToken.None),
            () => wrong.DeleteAsync("m", "1", "pod-1/snapshot/a.json", CancellationToken.None),
        ];
        string[] names = ["write", "read", "list", "delete"];
        for (int i = 0; i < calls.Length; i++)
        {
            Exception? ex = null;
            try
            {
                await calls[i]();
            }
            catch (Exception e)
            {
                ex = e;
            }

            Assert.True(ex is not null, $"a {names[i]} with a wrong secret succeeded");
            Clean(ex.ToString(), "an exception");
        }

        // Through ModelWatch: the start-up restore fails with the store's error, and a save is logged and counted.
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestModels.Start));
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        services.AddMetrics();
        services.AddModelWatch(o => o.ReplicaId = "pod-1")
            .AddModel("m", m => m.Numeric("f0").Reference(TestModels.NormalReference(features: 1, rows: 500)))
            .UseStore<FileProfileStoreStandIn>();
        services.Replace(ServiceDescriptor.Singleton(wrong));
        await using var host = new HostedModelWatch(services.BuildServiceProvider());
        using var errors = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), ModelWatchMeter.Name, ModelWatchInstruments.StoreErrors);

        var startError = await Assert.ThrowsAnyAsync<Exception>(host.StartAsync);
        Clean(startError.ToString(), "the start-up error");
        host.Watch.GetMonitor("m").Log([0.5], 0.5);
        await host.Services.Scheduler().SnapshotAsync(CancellationToken.None);

        Assert.NotEmpty(errors.GetMeasurementSnapshot());
        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Level >= LogLevel.Warning && r.Exception is not null);
        foreach (var record in records)
        {
            Clean(record.Message, "a log line");
            Clean(record.Exception?.ToString(), "a logged exception");
        }
    }

    /// <summary>Stands in for the store's type at registration; the test's store instance replaces it.</summary>
    private sealed class FileProfileStoreStandIn() : IProfileStore
    {
        public Task WriteAsync(string modelName, string modelVersion, string entry, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream?> OpenReadAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> ListAsync(string modelName, string modelVersion, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken) => throw new NotSupportedException();

        public string Describe(string modelName, string modelVersion, string entry) => throw new NotSupportedException();
    }
}

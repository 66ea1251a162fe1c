using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Storage.PostgreSql;
using ModelWatch.Storage.Tests.Servers;
using ModelWatch.Tests.Monitoring;
using ModelWatch.Tests.TestSupport;
using Npgsql;

namespace ModelWatch.Storage.Tests.PostgreSql;

/// <summary>
/// The PostgreSQL store's retries under injected faults: a TCP proxy on 127.0.0.1 in front of the real
/// server (<see cref="TcpFaultProxy"/>) resets every connection for a while.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The proxy is disposed by IAsyncLifetime.DisposeAsync.")]
public sealed class PostgreSqlRetryTests : IAsyncLifetime
{
    private readonly string _table = "mw_retry_" + Guid.NewGuid().ToString("N");
    private TcpFaultProxy? _proxy;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
            await using var source = NpgsqlDataSource.Create(StoreServers.Get(StoreServers.PostgreSql));
            await using var command = source.CreateCommand($"DROP TABLE IF EXISTS \"{_table}\"");
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// The server's connection string with the proxy's address in place of the server's, without
    /// pooling or TLS negotiation: each attempt of the store opens exactly one connection, so the
    /// proxy's count of connections is the count of attempts.
    /// </summary>
    private string ThroughProxy()
    {
        var server = new NpgsqlConnectionStringBuilder(StoreServers.Get(StoreServers.PostgreSql));
        _proxy = new TcpFaultProxy(server.Host!, server.Port);
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Host = "127.0.0.1", Port = _proxy.Port, Pooling = false, SslMode = SslMode.Disable }.ConnectionString;
    }

    private static Task WriteAsync(PostgreSqlProfileStore store, string entry, byte[] content) =>
        store.WriteAsync("m", "1", entry, (s, ct) => s.WriteAsync(content, ct).AsTask(), CancellationToken.None);

    [SkippableFact]
    public async Task ConnectionsResetForAWhile_AreRetriedWithGrowingJitteredDelays_AndTheWriteLands()
    {
        string connection = ThroughProxy();
        var time = new RecordingTimeProvider();
        var options = new PostgreSqlStoreOptions
        {
            ConnectionString = connection,
            Table = _table,
            MaxRetries = 10,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(160),
        };
        await using var store = new PostgreSqlProfileStore(options, time);
        await WriteAsync(store, "pod-1/snapshot/a.json", [1]); // creates the table

        // The database goes away: every connection is reset.
        _proxy!.Dropping = true;
        var write = WriteAsync(store, "pod-1/snapshot/a.json", [2, 2]);
        for (int i = 0; i < 2_000 && _proxy.Refused < 4 && !write.IsCompleted; i++)
        {
            await Task.Delay(10);
        }

        Assert.False(write.IsCompleted, $"the write ended while the connections were dropped: {write.Exception}");
        _proxy.Dropping = false;
        await write;

        await using var check = NpgsqlDataSource.Create(StoreServers.Get(StoreServers.PostgreSql));
        await using var command = check.CreateCommand($"SELECT content FROM \"{_table}\" WHERE entry = 'pod-1/snapshot/a.json'");
        Assert.Equal([2, 2], (byte[])(await command.ExecuteScalarAsync())!);

        // One wait before each retry, drawn below its ceiling: 20 ms doubling per attempt, at most 160 ms.
        // Task.Delay keeps whole milliseconds and sets no timer for a wait drawn below 1 ms, so of the
        // failed attempts' waits (one per refused connection) `skipped` went unrecorded, each shifting
        // the later ones' attempt number by one.
        var delays = time.Delays;
        int skipped = _proxy.Refused - delays.Count;
        Assert.True(delays.Count >= 3 && skipped is >= 0 and <= 2, $"{delays.Count} waits recorded for {_proxy.Refused} failed attempts");
        for (int attempt = 0; attempt < delays.Count; attempt++)
        {
            double ceiling = Math.Min(160, 20 * Math.Pow(2, attempt + skipped));
            Assert.True(delays[attempt].TotalMilliseconds <= ceiling, $"retry {attempt + 1} waited {delays[attempt].TotalMilliseconds:F1} ms, above its ceiling {ceiling} ms; the waits: {string.Join(", ", delays.Select(d => d.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}");
        }

        Assert.True(delays.Distinct().Count() > 1, "the delays are jittered, not one fixed value");
    }

    [SkippableFact]
    public async Task ResetsOutlastingTheRetries_FailTheSave_WhichIsLoggedAndCountedInStoreErrors_AndTheNextSaveLands()
    {
        string connection = ThroughProxy();
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Debug));
        services.AddMetrics();
        services.AddModelWatch(o => o.ReplicaId = "pod-1")
            .AddModel("m", m => m.Numeric("f0").Reference(TestModels.NormalReference(features: 1, rows: 500)))
            .UsePostgreSqlStore(connection, o =>
            {
                o.Table = _table;
                o.MaxRetries = 2;
                o.RetryDelay = TimeSpan.FromMilliseconds(5);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(20);
            });
        await using var host = new HostedModelWatch(services.BuildServiceProvider());
        using var errors = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), ModelWatchMeter.Name, ModelWatchInstruments.StoreErrors);
        await host.StartAsync(); // the restore reads the (empty) store through the proxy
        host.Watch.GetMonitor("m").Log([0.5], 0.5);

        _proxy!.Dropping = true;
        int before = _proxy.Accepted;
        await host.Services.Scheduler().SnapshotAsync(CancellationToken.None);
        var counted = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal(1, counted.Value);
        Assert.Equal(nameof(NpgsqlException), counted.Tags[ModelWatchInstruments.ErrorType]);
        Assert.True(_proxy.Accepted - before >= 3, $"{_proxy.Accepted - before} connections tried: at least the attempt and its two retries (3) expected");
        Assert.Contains(logs.GetSnapshot(), r => r.Level >= LogLevel.Warning && r.Exception is NpgsqlException);

        // The database is back: the next save lands, and nothing more is counted. (The scheduler waits
        // half an interval before retrying a failed monitor; the save at shutdown, final, does not.)
        _proxy.Dropping = false;
        await host.Services.Scheduler().SnapshotAsync(CancellationToken.None, final: true);
        Assert.Single(errors.GetMeasurementSnapshot());
        await using var check = NpgsqlDataSource.Create(StoreServers.Get(StoreServers.PostgreSql));
        await using var command = check.CreateCommand($"SELECT count(*) FROM \"{_table}\" WHERE entry LIKE 'pod-1/snapshot/%'");
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        await host.StopAsync();
    }

    /// <summary>The system's clock, recording how long each timer (each retry's wait) was set for.</summary>
    private sealed class RecordingTimeProvider : TimeProvider
    {
        private readonly List<TimeSpan> _delays = [];

        public IReadOnlyList<TimeSpan> Delays
        {
            get
            {
                lock (_delays)
                {
                    return [.. _delays];
                }
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_delays)
            {
                _delays.Add(dueTime);
            }

            return System.CreateTimer(callback, state, dueTime, period);
        }
    }
}

using System.Text;
using ModelWatch.Persistence;
using Npgsql;

namespace ModelWatch.Storage.PostgreSql;

/// <summary>
/// An <see cref="IProfileStore"/> in a PostgreSQL table: one row per entry, keyed by model, version
/// and entry (<c>pod-1/snapshot/a.json</c>), each written by one statement — so a reader sees the
/// previous content or the new, never part of either — and listed page by page.
/// </summary>
/// <remarks>
/// The table (<see cref="PostgreSqlStoreOptions.Table"/>) holds <c>model text, version text, entry text,
/// content bytea, written_at timestamptz</c> with the primary key <c>(model, version, entry)</c>; it is
/// created when first needed unless <see cref="PostgreSqlStoreOptions.CreateTable"/> is off. Names and
/// versions are kept as they are (parameters, never SQL text). Npgsql has no retry policy of its own,
/// so calls failing with a transient error (<see cref="NpgsqlException.IsTransient"/>) are retried with
/// exponential back-off and full jitter; what still fails reaches ModelWatch, which logs it and counts
/// it in <c>modelwatch.store.errors</c>.
/// </remarks>
public sealed class PostgreSqlProfileStore : IProfileStore, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The most bytes of model, version and entry together: a B-tree index entry holds at most about
    /// 2,700 bytes (a third of an 8 kB page), less the row header.
    /// </summary>
    private const int MaxKeyBytes = 2_600;

    private readonly PostgreSqlStoreOptions _options;
    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;
    private readonly string _table;
    private readonly string _where;
    private readonly SemaphoreSlim _created = new(1, 1);
    private volatile bool _tableReady;

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlProfileStore"/> class.</summary>
    /// <param name="options">Where the entries are kept.</param>
    /// <param name="time">The clock retries wait on; the system's by default.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public PostgreSqlProfileStore(PostgreSqlStoreOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _source = new NpgsqlSlimDataSourceBuilder(options.ConnectionString).Build();
        _table = SqlNames.Table(options.Schema, options.Table);
        _where = " WHERE model = $1 AND version = $2";

        // Named without the password or any other setting: what logs and errors show of the database.
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Location = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}/{(options.Schema is null ? "" : options.Schema + ".")}{options.Table}";
    }

    /// <summary>Gets where the store lives, for logs: the server, the database and the table (never a password).</summary>
    public string Location { get; }

    /// <inheritdoc/>
    public async Task WriteAsync(string modelName, string modelVersion, string entry, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        Check(modelName, modelVersion, entry);

        // Serialized first: a writer that fails half-way sends nothing, and the row keeps its previous content.
        using var buffer = new MemoryStream();
        await write(buffer, cancellationToken).ConfigureAwait(false);
        var content = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        string sql = $"INSERT INTO {_table} (model, version, entry, content) VALUES ($1, $2, $3, $4) "
            + "ON CONFLICT (model, version, entry) DO UPDATE SET content = excluded.content, written_at = now()";
        await RunAsync(
            async ct =>
            {
                var command = _source.CreateCommand(sql);
                await using (command.ConfigureAwait(false))
                {
                    AddKey(command, modelName, modelVersion);
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry });
                    command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = content, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
                    return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<Stream?> OpenReadAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken)
    {
        Check(modelName, modelVersion, entry);
        byte[]? content = await RunAsync(
            async ct =>
            {
                var command = _source.CreateCommand($"SELECT content FROM {_table}{_where} AND entry = $3");
                await using (command.ConfigureAwait(false))
                {
                    AddKey(command, modelName, modelVersion);
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry });
                    var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        return await reader.ReadAsync(ct).ConfigureAwait(false) ? reader.GetFieldValue<byte[]>(0) : null;
                    }
                }
            },
            cancellationToken).ConfigureAwait(false);
        return content is null ? null : new MemoryStream(content, writable: false);
    }

    /// <inheritdoc/>
    /// <remarks>Read in pages of <see cref="PostgreSqlStoreOptions.PageSize"/> entries, each after the last of the previous page.</remarks>
    public async Task<IReadOnlyList<string>> ListAsync(string modelName, string modelVersion, CancellationToken cancellationToken)
    {
        Check(modelName, modelVersion, null);
        var entries = new List<string>();
        string after = "";
        while (true)
        {
            var page = await RunAsync(
                async ct =>
                {
                    // Entries are ASCII: the "C" collation orders them by their bytes, the order the "after" comparison uses.
                    var command = _source.CreateCommand(
                        $"SELECT entry FROM {_table}{_where} AND entry COLLATE \"C\" > $3 ORDER BY entry COLLATE \"C\" LIMIT $4");
                    await using (command.ConfigureAwait(false))
                    {
                        AddKey(command, modelName, modelVersion);
                        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after });
                        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _options.PageSize });
                        var names = new List<string>(_options.PageSize);
                        var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                        await using (reader.ConfigureAwait(false))
                        {
                            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                            {
                                names.Add(reader.GetString(0));
                            }
                        }

                        return names;
                    }
                },
                cancellationToken).ConfigureAwait(false);
            entries.AddRange(page.Where(ProfileStoreKeys.IsEntry));
            if (page.Count < _options.PageSize)
            {
                return entries;
            }

            after = page[^1];
        }
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken)
    {
        Check(modelName, modelVersion, entry);
        return RunAsync(
            async ct =>
            {
                var command = _source.CreateCommand($"DELETE FROM {_table}{_where} AND entry = $3");
                await using (command.ConfigureAwait(false))
                {
                    AddKey(command, modelName, modelVersion);
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry });
                    return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public string Describe(string modelName, string modelVersion, string entry) =>
        $"{Location}/{ProfileStoreKeys.EncodeName(modelName)}/{ProfileStoreKeys.EncodeName(modelVersion)}/{entry}";

    /// <inheritdoc/>
    /// <remarks>Text columns cannot hold the NUL character, and the primary key's index entry holds at most about 2,700 bytes.</remarks>
    public string? CheckLimits(string modelName, string modelVersion, string entry)
    {
        if (modelName.Contains('\0', StringComparison.Ordinal) || modelVersion.Contains('\0', StringComparison.Ordinal))
        {
            return "PostgreSQL text cannot hold the NUL character (U+0000).";
        }

        int bytes = Encoding.UTF8.GetByteCount(modelName) + Encoding.UTF8.GetByteCount(modelVersion) + Encoding.UTF8.GetByteCount(entry);
        return bytes > MaxKeyBytes
            ? $"the model name, version and entry take {bytes:N0} bytes; the table's primary key holds at most {MaxKeyBytes:N0} (shorten the model name or the version)."
            : null;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync().ConfigureAwait(false);
        _created.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _source.Dispose();
        _created.Dispose();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string? parameter, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            if (parameter is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AddKey(NpgsqlCommand command, string modelName, string modelVersion)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = modelName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = modelVersion });
    }

    private static void Check(string modelName, string modelVersion, string? entry)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        ArgumentException.ThrowIfNullOrEmpty(modelVersion);
        if (entry is not null && !ProfileStoreKeys.IsEntry(entry))
        {
            throw new ArgumentException($"'{entry}' is not a store entry: '/'-separated segments of ASCII letters, digits, '-', '_' and '.' (never first).", nameof(entry));
        }
    }

    /// <summary>Runs one call, creating the table first if needed, retrying transient failures with exponential back-off and full jitter.</summary>
    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < _options.MaxRetries && !cancellationToken.IsCancellationRequested)
            {
                double ceiling = Math.Min(_options.MaxRetryDelay.TotalMilliseconds, _options.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Creates the table once, under an advisory lock so that replicas starting together do not race on the catalog.</summary>
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_tableReady || !_options.CreateTable)
        {
            return;
        }

        await _created.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_tableReady)
            {
                return;
            }

            var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext($1))", _table, cancellationToken).ConfigureAwait(false);
                    await ExecuteAsync(
                        connection,
                        transaction,
                        $"CREATE TABLE IF NOT EXISTS {_table} (model text NOT NULL, version text NOT NULL, entry text NOT NULL, content bytea NOT NULL, "
                            + "written_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (model, version, entry))",
                        null,
                        cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            _tableReady = true;
        }
        finally
        {
            _created.Release();
        }
    }
}

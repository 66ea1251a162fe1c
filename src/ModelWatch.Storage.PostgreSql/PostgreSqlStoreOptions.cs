namespace ModelWatch.Storage.PostgreSql;

/// <summary>
/// Where and how <see cref="PostgreSqlProfileStore"/> keeps entries; bound from configuration
/// (<c>ModelWatch:Store:PostgreSql</c>, say) or set in code.
/// </summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>
    /// Gets or sets the Npgsql connection string. Leave the password out to use Npgsql's own sources
    /// (the <c>PGPASSWORD</c> variable, a <c>.pgpass</c> file); the store never logs it.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Gets or sets the schema of the table; null for the connection's search path (normally <c>public</c>).</summary>
    public string? Schema { get; set; }

    /// <summary>Gets or sets the table (created when missing, if <see cref="CreateTable"/>).</summary>
    public string Table { get; set; } = "modelwatch_entries";

    /// <summary>Gets or sets a value indicating whether the table is created when it does not exist (needs the CREATE right on the schema).</summary>
    public bool CreateTable { get; set; } = true;

    /// <summary>Gets or sets how many entries one listing query returns; a model version's listing is read page by page.</summary>
    public int PageSize { get; set; } = 1_000;

    /// <summary>Gets or sets how often a call that failed with a transient error (a dropped connection, a serialization failure, a server starting) is retried.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Gets or sets the delay before the first retry; it doubles on each retry, with full jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the longest delay between retries.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws when a setting is out of range; called at registration.</summary>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("PostgreSqlStoreOptions.ConnectionString is required.", nameof(ConnectionString));
        }

        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException)
        {
            // The connection string may hold a password: it is not repeated in the message.
            throw new ArgumentException("PostgreSqlStoreOptions.ConnectionString is not a valid Npgsql connection string.", nameof(ConnectionString));
        }

        SqlNames.Check(Table, nameof(Table));
        if (Schema is not null)
        {
            SqlNames.Check(Schema, nameof(Schema));
        }

        if (PageSize is < 1 or > 100_000)
        {
            throw new ArgumentException($"PostgreSqlStoreOptions.PageSize must lie in [1, 100000]; it is {PageSize}.", nameof(PageSize));
        }

        if (MaxRetries is < 0 or > 20)
        {
            throw new ArgumentException($"PostgreSqlStoreOptions.MaxRetries must lie in [0, 20]; it is {MaxRetries}.", nameof(MaxRetries));
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            throw new ArgumentException($"PostgreSqlStoreOptions.RetryDelay ({RetryDelay}) must be at least zero and at most MaxRetryDelay ({MaxRetryDelay}).", nameof(RetryDelay));
        }
    }
}

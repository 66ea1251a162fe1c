using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelWatch.DependencyInjection;
using ModelWatch.Persistence;

namespace ModelWatch.Storage.PostgreSql;

/// <summary>Registers <see cref="PostgreSqlProfileStore"/> as ModelWatch's store.</summary>
public static class PostgreSqlStoreBuilderExtensions
{
    /// <summary>Keeps every monitor's state and window profiles in a PostgreSQL table.</summary>
    /// <param name="builder">The ModelWatch builder.</param>
    /// <param name="connectionString">The Npgsql connection string (without a password, Npgsql reads <c>PGPASSWORD</c> or <c>.pgpass</c>).</param>
    /// <param name="configure">Sets the other options (table, page size, retries).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public static IModelWatchBuilder UsePostgreSqlStore(this IModelWatchBuilder builder, string connectionString, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PostgreSqlStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        return Register(builder, options);
    }

    /// <summary>Keeps every monitor's state and window profiles in a PostgreSQL table set by a configuration section (<c>ConnectionString</c>, <c>Table</c>, <c>Schema</c>, <c>PageSize</c>, <c>MaxRetries</c> …).</summary>
    /// <param name="builder">The ModelWatch builder.</param>
    /// <param name="section">The section, e.g. <c>ModelWatch:Store:PostgreSql</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">A setting is missing or invalid.</exception>
    public static IModelWatchBuilder UsePostgreSqlStore(this IModelWatchBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        var options = new PostgreSqlStoreOptions();
        section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        return Register(builder, options);
    }

    private static IModelWatchBuilder Register(IModelWatchBuilder builder, PostgreSqlStoreOptions options)
    {
        options.Validate();
        builder.UseStore<PostgreSqlProfileStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IProfileStore>(sp => new PostgreSqlProfileStore(options, sp.GetService<TimeProvider>())));
        return builder;
    }
}

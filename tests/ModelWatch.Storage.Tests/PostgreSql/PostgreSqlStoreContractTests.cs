using ModelWatch.Persistence;
using ModelWatch.Storage.PostgreSql;
using ModelWatch.Storage.Tests.Contract;
using ModelWatch.Storage.Tests.Servers;
using Npgsql;

namespace ModelWatch.Storage.Tests.PostgreSql;

/// <summary>The store contract on <see cref="PostgreSqlProfileStore"/> against PostgreSQL 15, each test in a table of its own.</summary>
public sealed class PostgreSqlStoreContractTests : StoreContract
{
    private readonly string _table = "mw_" + Guid.NewGuid().ToString("N");

    protected override IProfileStore Open(int pageSize) =>
        new PostgreSqlProfileStore(new PostgreSqlStoreOptions { ConnectionString = StoreServers.Get(StoreServers.PostgreSql), Table = _table, PageSize = pageSize });

    protected override async Task CleanUpAsync()
    {
        await using var source = NpgsqlDataSource.Create(StoreServers.Get(StoreServers.PostgreSql));
        await using var command = source.CreateCommand($"DROP TABLE IF EXISTS \"{_table}\"");
        await command.ExecuteNonQueryAsync();
    }
}

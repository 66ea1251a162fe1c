using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Persistence;
using ModelWatch.Storage.PostgreSql;
using ModelWatch.Storage.Tests.Contract;
using ModelWatch.Storage.Tests.Servers;
using Npgsql;

namespace ModelWatch.Storage.Tests.PostgreSql;

/// <summary>What only the PostgreSQL store does: its registration, its settings and its password.</summary>
public sealed class PostgreSqlStoreTests
{
    [SkippableFact]
    public async Task ThePassword_NeverReachesALogOrAnError()
    {
        string connection = StoreServers.Get(StoreServers.PostgreSql);
        string password = StoreServers.Get(StoreServers.PostgreSqlPassword);
        string wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");
        var wrongConnection = new NpgsqlConnectionStringBuilder(connection) { Password = wrongPassword, MaxAutoPrepare = 0 }.ConnectionString;
        using var good = new PostgreSqlProfileStore(new PostgreSqlStoreOptions { ConnectionString = connection, Table = "mw_secrets" });
        using var wrong = new PostgreSqlProfileStore(new PostgreSqlStoreOptions { ConnectionString = wrongConnection, Table = "mw_secrets", MaxRetries = 0 });
        await Secrets.NeverShownAsync(good, wrong, password, wrongPassword);
    }

    [Fact]
    public void Registration_FromConfiguration_BindsEverySetting()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:ConnectionString"] = "Host=127.0.0.1;Port=5999;Username=u;Password=p;Database=d",
            ["Store:Schema"] = "monitoring",
            ["Store:Table"] = "entries",
            ["Store:PageSize"] = "50",
            ["Store:MaxRetries"] = "2",
        }).Build().GetSection("Store");
        var services = new ServiceCollection();
        services.AddModelWatch().UsePostgreSqlStore(section);
        using var provider = services.BuildServiceProvider();
        var store = Assert.IsType<PostgreSqlProfileStore>(provider.GetRequiredService<IProfileStore>());
        Assert.Equal("postgresql://127.0.0.1:5999/d/monitoring.entries", store.Location);
        Assert.Equal("postgresql://127.0.0.1:5999/d/monitoring.entries/fraud/3/pod-1/snapshot/a.json", store.Describe("fraud", "3", "pod-1/snapshot/a.json"));
    }

    [Theory]
    [InlineData("Store:Tabel", "x", "Tabel")]
    [InlineData("Store:Table", "entries; DROP TABLE x", "Table")]
    [InlineData("Store:PageSize", "0", "PageSize")]
    [InlineData("Store:MaxRetries", "-1", "MaxRetries")]
    public void BadSettings_FailAtRegistration_NamingTheSetting(string key, string value, string named)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:ConnectionString"] = "Host=127.0.0.1;Username=u;Password=secret-p",
            [key] = value,
        }).Build().GetSection("Store");
        var ex = Assert.ThrowsAny<Exception>(() => new ServiceCollection().AddModelWatch().UsePostgreSqlStore(section));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-p", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingOrMalformedConnectionString_FailsAtRegistration_WithoutRepeatingIt()
    {
        Assert.Contains("ConnectionString is required", Assert.Throws<ArgumentException>(() => new ServiceCollection().AddModelWatch().UsePostgreSqlStore("")).Message, StringComparison.Ordinal);
        var ex = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddModelWatch().UsePostgreSqlStore("Host=x;Password=secret-p;Nonsense=1"));
        Assert.DoesNotContain("secret-p", ex.Message, StringComparison.Ordinal);
    }
}

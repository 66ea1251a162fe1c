namespace ModelWatch.Storage.Tests.Servers;

/// <summary>
/// Where tests/stores/servers.sh started the storage servers: it exports their addresses. A test
/// whose server is not running is skipped, unless the script said the servers are required (CI),
/// when it fails: a green run then means every store was really tested.
/// </summary>
internal static class StoreServers
{
    /// <summary>The PostgreSQL connection string (with the password of the server's own user).</summary>
    public const string PostgreSql = "MODELWATCH_TEST_POSTGRES";

    /// <summary>The PostgreSQL user's password, which no log or error may contain.</summary>
    public const string PostgreSqlPassword = "MODELWATCH_TEST_POSTGRES_PASSWORD";

    /// <summary>Azurite's connection string (with an account key of its own).</summary>
    public const string Azurite = "MODELWATCH_TEST_AZURITE";

    /// <summary>Azurite's account key, which no log or error may contain.</summary>
    public const string AzuriteKey = "MODELWATCH_TEST_AZURITE_KEY";

    /// <summary>s3rver's address (<c>http://127.0.0.1:port</c>; its one account is S3RVER / S3RVER).</summary>
    public const string S3 = "MODELWATCH_TEST_S3";

    private const string Required = "MODELWATCH_STORES_REQUIRED";

    /// <summary>The variable's value; skips the test when it is not set (fails it when the servers are required).</summary>
    public static string Get(string variable)
    {
        string? value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        string why = $"{variable} is not set: start the servers with `eval \"$(tests/stores/servers.sh start)\"` before `dotnet test`.";
        if (Environment.GetEnvironmentVariable(Required) == "1")
        {
            Assert.Fail(why + $" ({Required}=1: the servers should be running.)");
        }

        throw new SkipException(why);
    }
}

using Azure.Identity;
using ModelWatch.Persistence;
using ModelWatch.Storage.AzureBlob;
using ModelWatch.Storage.PostgreSql;
using ModelWatch.Storage.S3;

namespace ModelWatch.Cli.Stores;

/// <summary>
/// What <c>--store</c> names, opened as the <see cref="IProfileStore"/> ModelWatch's services use, with
/// the same credential chains and never a secret on the command line:
/// <list type="bullet">
/// <item><c>s3://bucket[/prefix][?endpoint=URL&amp;region=R&amp;compatible=true]</c>: the AWS SDK's chain (environment, profile, SSO, container or instance role);</item>
/// <item><c>azblob://container[/prefix]</c>: the connection string in <c>AZURE_STORAGE_CONNECTION_STRING</c>;</item>
/// <item><c>https://account.blob.core.windows.net/container[/prefix][?SAS]</c>: the SAS, or else Azure.Identity's <see cref="DefaultAzureCredential"/>;</item>
/// <item><c>postgresql[://[schema.]table]</c>: the connection string in <c>MODELWATCH_POSTGRESQL</c> (never echoed).</item>
/// </list>
/// </summary>
internal static class StoreLocation
{
    /// <summary>The variable the Azure CLI and SDK samples keep a storage connection string in.</summary>
    public const string AzureConnectionVariable = "AZURE_STORAGE_CONNECTION_STRING";

    /// <summary>The variable the PostgreSQL connection string is read from.</summary>
    public const string PostgreSqlConnectionVariable = "MODELWATCH_POSTGRESQL";

    private const string Forms = "s3://bucket[/prefix], azblob://container[/prefix], https://account.blob.core.windows.net/container[/prefix] or postgresql[://table]";

    /// <summary>Opens the store a location names.</summary>
    /// <param name="location">The <c>--store</c> value.</param>
    /// <param name="environment">Reads an environment variable (the process's by default).</param>
    /// <returns>The store and a description of it without any secret.</returns>
    /// <exception cref="CliException">The location is malformed or a setting is missing.</exception>
    public static (IProfileStore Store, string Description) Open(string location, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (location is "postgresql" or "postgres" || location.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            return PostgreSql(location, environment);
        }

        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri))
        {
            throw new CliException($"--store: '{location}' is not a store location; use {Forms}.");
        }

        var (container, prefix) = Split(uri);
        try
        {
            switch (uri.Scheme)
            {
                case "s3":
                    return S3(uri, prefix);
                case "azblob":
                    string connection = environment(AzureConnectionVariable) is { Length: > 0 } value
                        ? value
                        : throw new CliException($"--store {location}: set {AzureConnectionVariable} to the storage account's connection string, or name the container by its URL (https://account.blob.core.windows.net/container), which uses the Azure credential chain.");
                    var blob = new AzureBlobProfileStore(new AzureBlobStoreOptions { ConnectionString = connection, ContainerName = container, Prefix = prefix, CreateContainer = false }, null);
                    return (blob, blob.Location);
                case "https" or "http" when container.Length > 0:
                    // The container's URL: a SAS in its query authorizes, else the Azure credential chain.
                    var containerUri = new UriBuilder(uri) { Path = string.Join('/', uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Take(AccountInPath(uri) ? 2 : 1)) }.Uri;
                    var credential = string.IsNullOrEmpty(uri.Query) ? new DefaultAzureCredential() : null;
                    var account = new AzureBlobProfileStore(new AzureBlobStoreOptions { ContainerUri = containerUri, Prefix = prefix, CreateContainer = false }, credential);
                    return (account, account.Location);
                default:
                    throw new CliException($"--store: '{uri.Scheme}' is not a store; use {Forms}.");
            }
        }
        catch (Exception ex) when (ex is not (CliException or OutOfMemoryException))
        {
            // Settings refused, or an SDK that cannot start (an S3 store with no region anywhere in its chain).
            throw new CliException($"--store: {ex.Message}", ex);
        }
    }

    private static (IProfileStore, string) S3(Uri uri, string prefix)
    {
        var options = new S3StoreOptions { Bucket = uri.Host, Prefix = prefix };
        foreach (var (key, value) in Query(uri))
        {
            switch (key)
            {
                case "endpoint":
                    options.ServiceUrl = Uri.TryCreate(value, UriKind.Absolute, out var endpoint) ? endpoint : throw new CliException($"--store: endpoint '{value}' is not an absolute URL.");
                    break;
                case "region":
                    options.Region = value;
                    break;
                case "compatible":
                    options.CompatibleServer = value is "true" or "1" ? true : value is "false" or "0" ? false : throw new CliException($"--store: compatible must be true or false, not '{value}'.");
                    break;
                default:
                    throw new CliException($"--store: unknown S3 setting '{key}' (endpoint, region and compatible are known).");
            }
        }

        var store = new S3ProfileStore(options, credentials: null);
        return (store, store.Location);
    }

    private static (IProfileStore, string) PostgreSql(string location, Func<string, string?> environment)
    {
        string connection = environment(PostgreSqlConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new CliException($"--store {location}: set {PostgreSqlConnectionVariable} to the Npgsql connection string (a password may be left to PGPASSWORD or .pgpass).");
        var options = new PostgreSqlStoreOptions { ConnectionString = connection };
        string table = location.StartsWith("postgresql://", StringComparison.Ordinal) ? location["postgresql://".Length..].TrimEnd('/') : "";
        if (table.Length > 0)
        {
            int dot = table.IndexOf('.', StringComparison.Ordinal);
            (options.Schema, options.Table) = dot < 0 ? (null, table) : (table[..dot], table[(dot + 1)..]);
        }

        try
        {
            var store = new PostgreSqlProfileStore(options);
            return (store, store.Location);
        }
        catch (ArgumentException ex)
        {
            // The options' messages name settings, never the connection string's values.
            throw new CliException($"--store {location}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The container and the prefix: for s3:// and azblob:// the host and the path; for a blob URL the
    /// first path segment and the rest, after the account where the URL carries it in its path (an
    /// emulator such as Azurite on an IP address: <c>http://127.0.0.1:10000/account/container</c>).
    /// </summary>
    private static (string Container, string Prefix) Split(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (uri.Scheme is "s3" or "azblob")
        {
            return (uri.Host, string.Join('/', segments));
        }

        int skip = AccountInPath(uri) ? 1 : 0;
        return segments.Length <= skip ? ("", "") : (segments[skip], string.Join('/', segments.Skip(skip + 1)));
    }

    /// <summary>Whether a blob URL names its account in the path (an IP address or localhost, as the emulators serve) rather than in the host name.</summary>
    private static bool AccountInPath(Uri uri) => uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback;

    private static IEnumerable<(string Key, string Value)> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? (pair, "") : (Uri.UnescapeDataString(pair[..eq]), Uri.UnescapeDataString(pair[(eq + 1)..]));
        });
}

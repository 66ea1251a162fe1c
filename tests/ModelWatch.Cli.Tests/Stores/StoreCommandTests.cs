using Amazon.Runtime;
using Amazon.S3;
using Azure.Storage.Blobs;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Persistence;
using ModelWatch.Profiles;
using ModelWatch.Storage.S3;
using ModelWatch.Storage.Tests.Servers;
using Npgsql;

namespace ModelWatch.Cli.Tests.Stores;

/// <summary>
/// <c>--store</c> against the real servers of tests/stores/servers.sh: profiles written into a store,
/// compared from it and merged across replicas give what the same commands give on local files.
/// Credentials reach the tool as on a workstation or a CI runner: through the environment.
/// </summary>
[Collection(StoreEnvironment.Name)]
public sealed class StoreCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Profiles two CSV files locally and compares them: what the store runs must equal.</summary>
    private (string Reference, string Current, string LocalJson) LocalRun()
    {
        string reference = _folder.Write("reference.csv", SyntheticCsv.Text(3_000, 0, seed: 1));
        string current = _folder.Write("current.csv", SyntheticCsv.Text(2_000, 0.3, seed: 2));
        Tool.Expect(0, "profile", reference, "-o", _folder.File("reference.mwp"), "-q", "--model", "fraud model", "--model-version", "3");
        string json = Tool.Expect(0, "compare", "-r", _folder.File("reference.mwp"), "-c", current, "-f", "json", "-q").Stdout;
        return (reference, current, json);
    }

    /// <summary>Profile into the store, compare against the entry, and merge two replicas' windows.</summary>
    private void RoundTrip(string store, string described)
    {
        var (reference, current, localJson) = LocalRun();
        string[] target = ["--store", store, "--model", "fraud model", "--model-version", "3"];
        var profiled = Tool.Expect(0, ["profile", reference, "-o", "reference/train.mwp", .. target]);
        Assert.Contains(described + "fraud%20model/3/reference/train.mwp", profiled.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", profiled.Stderr, StringComparison.Ordinal); // a SAS's signature is a secret

        // The entry compares as the local profile does: the same report.
        string fromStore = Tool.Expect(0, ["compare", "-r", "reference/train.mwp", "-c", current, "-f", "json", "-q", .. target]).Stdout;
        Assert.Equal(localJson, fromStore);

        // Two replicas' profiles of one window, as a service's replicas save them, merged by the window's start.
        string half1 = _folder.Write("h1.csv", SyntheticCsv.Text(700, 0, seed: 3));
        string half2 = _folder.Write("h2.csv", SyntheticCsv.Text(500, 0, seed: 4));
        Tool.Expect(0, ["profile", half1, "-o", "pod-1/window/20261205T100000000Z.mwp", "-q", .. target]);
        Tool.Expect(0, ["profile", half2, "-o", "pod-2/window/20261205T100000000Z.mwp", "-q", .. target]);
        var merged = Tool.Expect(0, ["merge", "--window", "2026-12-05T10:00:00Z", "-o", "fleet/20261205T10.mwp", .. target]);
        Assert.Contains("merged the window profiles of 2 replicas (1,200 rows", merged.Stderr, StringComparison.Ordinal);

        // The merged entry, read back through merge into a local file, equals the local merge of the same data.
        Tool.Expect(0, "profile", half1, "-o", _folder.File("h1.mwp"), "-q", "--model", "fraud model", "--model-version", "3");
        Tool.Expect(0, "profile", half2, "-o", _folder.File("h2.mwp"), "-q", "--model", "fraud model", "--model-version", "3");
        Tool.Expect(0, "merge", _folder.File("h1.mwp"), _folder.File("h2.mwp"), "-o", _folder.File("local.mwp"), "-q");
        var local = ProfileFile.Load(_folder.File("local.mwp"));
        string a = Tool.Expect(0, ["compare", "-r", "fleet/20261205T10.mwp", "-c", current, "-f", "json", "-q", .. target]).Stdout;
        string b = Tool.Expect(0, "compare", "-r", _folder.File("local.mwp"), "-c", current, "-f", "json", "-q").Stdout;
        Assert.Equal(b, a);
        Assert.Equal(1_200, local.Rows);

        // A window no replica saved: one line naming the windows there are.
        var missing = Tool.Expect(2, ["merge", "--window", "2026-12-05T11:00:00Z", "-o", "fleet/x.mwp", .. target]);
        Assert.Contains("2026-12-05T10:00:00Z", missing.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task S3_ProfileCompareAndMerge_ThroughTheStore_EqualTheLocalRun()
    {
        string server = StoreServers.Get(StoreServers.S3);
        string bucket = "mw-cli-" + Guid.NewGuid().ToString("N")[..12];
        using var client = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config { ServiceURL = server, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await client.PutBucketAsync(bucket);

        // The AWS SDK's chain finds the keys in the environment.
        StoreEnvironment.Set("AWS_ACCESS_KEY_ID", "S3RVER");
        StoreEnvironment.Set("AWS_SECRET_ACCESS_KEY", "S3RVER");
        RoundTrip($"s3://{bucket}/cli/runs?endpoint={Uri.EscapeDataString(server)}&compatible=true", $"s3://{bucket}/cli/runs/");

        // The entries are where the services' S3 store reads them.
        using var store = new S3ProfileStore(new S3StoreOptions { Bucket = bucket, Prefix = "cli/runs", ServiceUrl = new Uri(server), CompatibleServer = true }, new BasicAWSCredentials("S3RVER", "S3RVER"));
        var windows = await store.ListWindowProfilesAsync("fraud model", "3");
        Assert.Equal(["pod-1", "pod-2"], windows.Select(w => w.Replica).Order(StringComparer.Ordinal).ToArray());
    }

    [SkippableFact]
    public async Task AzureBlob_ProfileCompareAndMerge_ThroughTheStore_EqualTheLocalRun()
    {
        string connection = StoreServers.Get(StoreServers.Azurite);
        string container = "mw-cli-" + Guid.NewGuid().ToString("N")[..12];
        var client = new BlobContainerClient(connection, container);
        await client.CreateAsync();
        try
        {
            StoreEnvironment.Set("AZURE_STORAGE_CONNECTION_STRING", connection);
            RoundTrip($"azblob://{container}/cli", $"{client.Uri}/cli/");
        }
        finally
        {
            await client.DeleteAsync();
        }
    }

    [SkippableFact]
    public async Task AzureBlob_ByTheContainersUrlWithASas_ProfileCompareAndMerge_EqualTheLocalRun()
    {
        string connection = StoreServers.Get(StoreServers.Azurite);
        string container = "mw-cli-" + Guid.NewGuid().ToString("N")[..12];
        var client = new BlobContainerClient(connection, container);
        await client.CreateAsync();
        try
        {
            // A SAS for the container, as an operator hands out instead of the account key.
            var sas = client.GenerateSasUri(
                Azure.Storage.Sas.BlobContainerSasPermissions.Read | Azure.Storage.Sas.BlobContainerSasPermissions.Write | Azure.Storage.Sas.BlobContainerSasPermissions.List | Azure.Storage.Sas.BlobContainerSasPermissions.Delete,
                DateTimeOffset.UtcNow.AddHours(1));
            StoreEnvironment.Set("AZURE_STORAGE_CONNECTION_STRING", "");
            var location = new UriBuilder(sas) { Path = sas.AbsolutePath + "/cli" }.Uri.ToString();
            RoundTrip(location, $"{client.Uri}/cli/");
        }
        finally
        {
            await client.DeleteAsync();
        }
    }

    [SkippableFact]
    public async Task PostgreSql_ProfileCompareAndMerge_ThroughTheStore_EqualTheLocalRun_AndThePasswordIsNeverShown()
    {
        string connection = StoreServers.Get(StoreServers.PostgreSql);
        string password = StoreServers.Get(StoreServers.PostgreSqlPassword);
        string table = "mw_cli_" + Guid.NewGuid().ToString("N");
        try
        {
            StoreEnvironment.Set("MODELWATCH_POSTGRESQL", connection);
            var server = new NpgsqlConnectionStringBuilder(connection);
            RoundTrip($"postgresql://{table}", $"postgresql://{server.Host}:{server.Port}/{server.Database}/{table}/");

            // A wrong password: one line, exit 2, and neither password in it.
            string wrong = "wrong-" + Guid.NewGuid().ToString("N");
            StoreEnvironment.Set("MODELWATCH_POSTGRESQL", new NpgsqlConnectionStringBuilder(connection) { Password = wrong }.ConnectionString);
            var failed = Tool.Expect(2, "compare", "-r", "reference/train.mwp", "-c", _folder.Write("c.csv", SyntheticCsv.Text(10, 0, seed: 5)), "--store", $"postgresql://{table}", "--model", "fraud model", "--model-version", "3");
            Assert.Contains("password authentication failed", failed.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(wrong, failed.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(password, failed.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            StoreEnvironment.Set("MODELWATCH_POSTGRESQL", connection);
            await using var source = NpgsqlDataSource.Create(connection);
            await using var command = source.CreateCommand($"DROP TABLE IF EXISTS \"{table}\"");
            await command.ExecuteNonQueryAsync();
        }
    }
}

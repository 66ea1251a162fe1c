using ModelWatch.Cli.Stores;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Storage.AzureBlob;
using ModelWatch.Storage.PostgreSql;
using ModelWatch.Storage.S3;

namespace ModelWatch.Cli.Tests.Stores;

/// <summary>What <c>--store</c> accepts, and the one-line errors for what it does not (no server needed).</summary>
public sealed class StoreLocationTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void S3Locations_OpenTheS3Store_WithPrefixEndpointAndMode()
    {
        var (store, description) = StoreLocation.Open("s3://ml-monitoring/prod/eu?endpoint=http%3A%2F%2F127.0.0.1%3A9000&compatible=true", NoEnvironment);
        using var s3 = Assert.IsType<S3ProfileStore>(store);
        Assert.Equal("s3://ml-monitoring/prod/eu/", description);
        Assert.Equal("s3://ml-monitoring/prod/eu/m/1/reference/train.mwp", s3.Describe("m", "1", "reference/train.mwp"));
    }

    [Fact]
    public void AzblobAndPostgreSql_ReadTheirConnectionStringsFromTheEnvironment_AndNeverShowThem()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AZURE_STORAGE_CONNECTION_STRING"] = "DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=c2VjcmV0LWtleQ==;BlobEndpoint=http://127.0.0.1:10000/acct;",
            ["MODELWATCH_POSTGRESQL"] = "Host=db.example;Port=5432;Username=u;Password=secret-p;Database=ml",
        };
        var (blob, blobDescription) = StoreLocation.Open("azblob://profiles/prod", k => environment.GetValueOrDefault(k));
        Assert.IsType<AzureBlobProfileStore>(blob);
        Assert.Equal("http://127.0.0.1:10000/acct/profiles/prod/", blobDescription);
        var (pg, pgDescription) = StoreLocation.Open("postgresql://monitoring.entries", k => environment.GetValueOrDefault(k));
        using var postgres = Assert.IsType<PostgreSqlProfileStore>(pg);
        Assert.Equal("postgresql://db.example:5432/ml/monitoring.entries", pgDescription);
        Assert.DoesNotContain("secret", blobDescription + pgDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://host/x", "is not a store")]
    [InlineData("not a location", "is not a store location")]
    [InlineData("s3://Not_A_Bucket/x", "Bucket")]
    [InlineData("s3://bucket/x?endpont=http://h", "unknown S3 setting 'endpont'")]
    [InlineData("s3://bucket/x?compatible=maybe", "compatible must be true or false")]
    [InlineData("azblob://container", "AZURE_STORAGE_CONNECTION_STRING")]
    [InlineData("postgresql", "MODELWATCH_POSTGRESQL")]
    public void BadLocations_FailWithOneLineNamingWhatIsWrong(string location, string expected)
    {
        var ex = Assert.Throws<CliException>(() => StoreLocation.Open(location, NoEnvironment));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadPostgreSqlTable_IsRefused_WithoutTheConnectionString()
    {
        var ex = Assert.Throws<CliException>(() => StoreLocation.Open("postgresql://x;drop", _ => "Host=h;Username=u;Password=secret-p"));
        Assert.Contains("Table", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-p", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCommands_AskForTheModelVersionWithAStore_AndAWindowNeedsAStore()
    {
        var profile = Tool.Expect(2, "profile", "x.csv", "-o", "reference/x.mwp", "--store", "s3://bucket/x");
        Assert.Contains("--store needs --model and --model-version", profile.Stderr, StringComparison.Ordinal);
        var merge = Tool.Expect(2, "merge", "--window", "2026-12-05T10:00:00Z", "-o", "x.mwp");
        Assert.Contains("--window merges the replicas' windows of a store", merge.Stderr, StringComparison.Ordinal);
        var bad = Tool.Expect(2, "merge", "--window", "yesterday", "-o", "x.mwp", "--store", "s3://bucket/x?region=eu-west-1", "--model", "m", "--model-version", "1");
        Assert.Contains("--window: 'yesterday' is not a time", bad.Stderr, StringComparison.Ordinal);
    }
}

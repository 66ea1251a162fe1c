using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Persistence;
using ModelWatch.Storage.AzureBlob;
using ModelWatch.Storage.Tests.Contract;
using ModelWatch.Storage.Tests.Servers;

namespace ModelWatch.Storage.Tests.AzureBlob;

/// <summary>What only the Azure Blob store does: its blob names, its registration, its account key.</summary>
public sealed class AzureBlobStoreTests
{
    [SkippableFact]
    public async Task TheAccountKey_NeverReachesALogOrAnError()
    {
        string connection = StoreServers.Get(StoreServers.Azurite);
        string key = StoreServers.Get(StoreServers.AzuriteKey);
        string wrongKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());
        var good = new AzureBlobProfileStore(new AzureBlobStoreOptions { ConnectionString = connection, ContainerName = "secrets" }, null);
        var wrong = new AzureBlobProfileStore(new AzureBlobStoreOptions { ConnectionString = connection.Replace(key, wrongKey, StringComparison.Ordinal), ContainerName = "secrets", MaxRetries = 0 }, null);
        await Secrets.NeverShownAsync(good, wrong, key, wrongKey);
    }

    [SkippableFact]
    public async Task Blobs_AreNamedAsTheFileStoresPaths_UnderThePrefix()
    {
        string connection = StoreServers.Get(StoreServers.Azurite);
        string container = "mw" + Guid.NewGuid().ToString("N");
        var store = new AzureBlobProfileStore(new AzureBlobStoreOptions { ConnectionString = connection, ContainerName = container, Prefix = "prod/" }, null);
        await store.WriteAsync("fraud model", "3", "pod-1/snapshot/a.json", (s, ct) => s.WriteAsync(new byte[] { 1 }, ct).AsTask(), CancellationToken.None);
        var client = new BlobContainerClient(connection, container);
        var names = new List<string>();
        await foreach (var blob in client.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        Assert.Equal(["prod/fraud%20model/3/pod-1/snapshot/a.json"], names);
        Assert.EndsWith($"/{container}/prod/fraud%20model/3/pod-1/snapshot/a.json", store.Describe("fraud model", "3", "pod-1/snapshot/a.json"), StringComparison.Ordinal);
        await client.DeleteAsync();
    }

    [Fact]
    public void Registration_FromConfiguration_BindsEverySetting()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:ContainerUri"] = "https://account.blob.core.windows.net/modelwatch?sv=2024&sig=secret-sig",
            ["Store:Prefix"] = "prod",
            ["Store:PageSize"] = "200",
            ["Store:MaxRetries"] = "3",
        }).Build().GetSection("Store");
        var services = new ServiceCollection();
        services.AddModelWatch().UseAzureBlobStore(section);
        using var provider = services.BuildServiceProvider();
        var store = Assert.IsType<AzureBlobProfileStore>(provider.GetRequiredService<IProfileStore>());
        Assert.Equal("https://account.blob.core.windows.net/modelwatch/prod/", store.Location);
        Assert.DoesNotContain("secret-sig", store.Describe("m", "1", "pod-1/snapshot/a.json"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Store:Containr", "x", "Containr")]
    [InlineData("Store:PageSize", "5001", "PageSize")]
    [InlineData("Store:Prefix", "../x", "Prefix")]
    [InlineData("Store:ContainerUri", "https://account.blob.core.windows.net/c", "not both")]
    public void BadSettings_FailAtRegistration_NamingTheSetting(string key, string value, string named)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=c2VjcmV0LWtleQ==;BlobEndpoint=http://127.0.0.1:1/a;",
            ["Store:ContainerName"] = "c",
            [key] = value,
        }).Build().GetSection("Store");
        var ex = Assert.ThrowsAny<Exception>(() => new ServiceCollection().AddModelWatch().UseAzureBlobStore(section));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleQ==", ex.Message, StringComparison.Ordinal);
    }
}

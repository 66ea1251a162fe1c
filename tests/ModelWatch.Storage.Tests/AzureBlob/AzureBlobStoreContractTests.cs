using Azure.Storage.Blobs;
using ModelWatch.Persistence;
using ModelWatch.Storage.AzureBlob;
using ModelWatch.Storage.Tests.Contract;
using ModelWatch.Storage.Tests.Servers;

namespace ModelWatch.Storage.Tests.AzureBlob;

/// <summary>The store contract on <see cref="AzureBlobProfileStore"/> against Azurite, each test in a container of its own, under a prefix.</summary>
public sealed class AzureBlobStoreContractTests : StoreContract
{
    private readonly string _container = "mw" + Guid.NewGuid().ToString("N");

    protected override IProfileStore Open(int pageSize) => new AzureBlobProfileStore(
        new AzureBlobStoreOptions { ConnectionString = StoreServers.Get(StoreServers.Azurite), ContainerName = _container, Prefix = "fleet/eu", PageSize = pageSize, MaxRetries = 1 },
        credential: null);

    protected override async Task CleanUpAsync() =>
        await new BlobContainerClient(StoreServers.Get(StoreServers.Azurite), _container).DeleteIfExistsAsync();
}

using ModelWatch.Persistence;

namespace ModelWatch.Storage.Tests.Contract;

/// <summary>The store contract on <see cref="FileProfileStore"/>, in a temporary folder.</summary>
public sealed class FileStoreContractTests : StoreContract
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "mw-contract-" + Guid.NewGuid().ToString("N"));

    private string Root => Path.Combine(_parent, "store");

    protected override IProfileStore Open(int pageSize) => new FileProfileStore(Root);

    protected override Task CleanUpAsync()
    {
        if (Directory.Exists(_parent))
        {
            Directory.Delete(_parent, recursive: true);
        }

        return Task.CompletedTask;
    }

    protected override void AfterHostileNames() =>
        Assert.Equal(["store"], Directory.EnumerateFileSystemEntries(_parent).Select(Path.GetFileName));
}

using Amazon.Runtime;
using ModelWatch.Storage.S3;

namespace ModelWatch.Storage.Tests.S3;

/// <summary>What the S3 store does on Amazon S3 and not in its compatible mode, against <see cref="FakeS3Server"/>.</summary>
public sealed class S3AmazonModeTests : IDisposable
{
    private const string Window = "pod-1/window/20261127T100000000Z.mwp";
    private readonly FakeS3Server _server = new();

    public void Dispose() => _server.Dispose();

    private S3ProfileStore Open(int pageSize = 1_000) => new(S3AmazonModeContractTests.Options(_server, pageSize), S3AmazonModeContractTests.Credentials);

    private static Task WriteAsync(S3ProfileStore store, string entry, byte[] content) =>
        store.WriteAsync("m", "1", entry, (s, ct) => s.WriteAsync(content, ct).AsTask(), CancellationToken.None);

    private static async Task<byte[]> ReadAsync(S3ProfileStore store, string entry)
    {
        await using var stream = await store.OpenReadAsync("m", "1", entry, CancellationToken.None);
        using var buffer = new MemoryStream();
        await stream!.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task WindowProfiles_AreWrittenCreateOnly_AndTheSameBytesAgainAreAWriteThatHadSucceeded()
    {
        using var store = Open();
        await WriteAsync(store, Window, [1, 2, 3]);
        Assert.Equal(1, _server.ConditionalPuts);

        // A retry after a lost response, or the window saved again after a restart: the same bytes.
        await WriteAsync(store, Window, [1, 2, 3]);
        Assert.Equal(2, _server.ConditionalPuts);
        Assert.Equal(1, _server.RefusedPuts);
        Assert.Equal([1, 2, 3], await ReadAsync(store, Window));
    }

    [Fact]
    public async Task AWindowTakenByAnotherWriterUnderTheSameReplicaId_IsAnError_AndTheFirstStays()
    {
        using var first = Open();
        using var second = Open();
        await WriteAsync(first, Window, [1, 2, 3]);
        var ex = await Assert.ThrowsAsync<IOException>(() => WriteAsync(second, Window, [9, 9]));
        Assert.Contains("ReplicaId", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Window, ex.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], await ReadAsync(first, Window));
    }

    [Fact]
    public async Task Snapshots_AreReplacedWithoutACondition()
    {
        using var store = Open();
        await WriteAsync(store, "pod-1/snapshot/a.json", [1]);
        await WriteAsync(store, "pod-1/snapshot/a.json", [2]);
        Assert.Equal(0, _server.ConditionalPuts);
        Assert.Equal([2], await ReadAsync(store, "pod-1/snapshot/a.json"));
    }

    [Fact]
    public async Task Uploads_CarryACrc32_AndReads_ValidateIt()
    {
        using var store = Open();
        byte[] content = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        await WriteAsync(store, Window, content);
        Assert.Equal(1, _server.ChecksummedPuts);
        Assert.Equal(content, await ReadAsync(store, Window));
        Assert.Equal(1, _server.ChecksummedGets);

        // A body changed on the way is refused by the SDK's validation and reported as an unreadable
        // entry (IOException, which every reader handles), never handed to a reader.
        _server.CorruptNextGetOf = Window;
        var refused = await Assert.ThrowsAsync<IOException>(() => ReadAsync(store, Window));
        Assert.IsAssignableFrom<AmazonClientException>(refused.InnerException);
        Assert.Equal(content, await ReadAsync(store, Window));
    }

    [Fact]
    public async Task Listing_PagesWithListObjectsV2()
    {
        using var store = Open(pageSize: 3);
        var entries = Enumerable.Range(0, 10).Select(i => $"pod-{i % 2}/window/n{i}.mwp").ToArray();
        foreach (string entry in entries)
        {
            await WriteAsync(store, entry, [1]);
        }

        Assert.Equal(entries.Order(StringComparer.Ordinal), (await store.ListAsync("m", "1", CancellationToken.None)).Order(StringComparer.Ordinal));
        Assert.Equal(4, _server.V2Listings); // 10 keys in pages of 3
    }
}

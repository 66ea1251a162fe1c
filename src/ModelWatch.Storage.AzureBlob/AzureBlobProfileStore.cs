using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ModelWatch.Persistence;

namespace ModelWatch.Storage.AzureBlob;

/// <summary>
/// An <see cref="IProfileStore"/> in an Azure Blob Storage container: one blob per entry, named
/// <c>{prefix}{model}/{version}/{replica}/{kind}/{name}</c> (<see cref="ProfileStoreKeys"/>, the file
/// store's layout), each uploaded whole — a blob upload replaces the blob atomically, so a reader sees
/// the previous content or the new — read in one request, and listed page by page.
/// </summary>
/// <remarks>
/// Transient failures are retried by the Azure SDK's own policy (exponential back-off with jitter,
/// <see cref="AzureBlobStoreOptions.MaxRetries"/>); what still fails reaches ModelWatch, which logs it
/// and counts it in <c>modelwatch.store.errors</c>. Blob names, URIs in logs and errors never carry the
/// account key or a SAS token.
/// </remarks>
public sealed class AzureBlobProfileStore : IProfileStore
{
    /// <summary>A blob name's longest length, in characters.</summary>
    private const int MaxNameLength = 1_024;

    /// <summary>The most '/'-separated segments a blob name may have.</summary>
    private const int MaxSegments = 254;

    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private readonly int _pageSize;
    private readonly bool _createContainer;
    private volatile bool _containerReady;

    /// <summary>Initializes a new instance of the <see cref="AzureBlobProfileStore"/> class.</summary>
    /// <param name="options">Where the entries are kept.</param>
    /// <param name="credential">Authorizes a <see cref="AzureBlobStoreOptions.ContainerUri"/> without a SAS (e.g. <c>DefaultAzureCredential</c>); null otherwise.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public AzureBlobProfileStore(AzureBlobStoreOptions options, TokenCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var client = new BlobClientOptions();
        client.Retry.Mode = RetryMode.Exponential;
        client.Retry.MaxRetries = options.MaxRetries;
        client.Retry.Delay = options.RetryDelay;
        client.Retry.MaxDelay = options.MaxRetryDelay;
        client.Retry.NetworkTimeout = options.NetworkTimeout;
        _container = options.ContainerUri is { } uri
            ? credential is null ? new BlobContainerClient(uri, client) : new BlobContainerClient(uri, credential, client)
            : new BlobContainerClient(options.ConnectionString, options.ContainerName, client);
        _prefix = Normalize(options.Prefix);
        _pageSize = options.PageSize;
        _createContainer = options.CreateContainer;
        Location = WithoutQuery(_container.Uri) + "/" + _prefix;
    }

    /// <summary>Initializes a new instance of the <see cref="AzureBlobProfileStore"/> class over a container client of your own (its retry policy is yours).</summary>
    /// <param name="container">The container (not created by the store).</param>
    /// <param name="prefix">A prefix for every blob name (<c>prod/</c>), or empty.</param>
    public AzureBlobProfileStore(BlobContainerClient container, string prefix)
    {
        ArgumentNullException.ThrowIfNull(container);
        var options = new AzureBlobStoreOptions { ContainerUri = container.Uri, Prefix = prefix };
        options.Validate();
        _container = container;
        _prefix = Normalize(prefix);
        _pageSize = options.PageSize;
        Location = WithoutQuery(_container.Uri) + "/" + _prefix;
    }

    /// <summary>Gets where the store lives, for logs: the container's URI and the prefix (never a key or a SAS token).</summary>
    public string Location { get; }

    /// <inheritdoc/>
    public async Task WriteAsync(string modelName, string modelVersion, string entry, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        string name = NameOf(modelName, modelVersion, entry);

        // Serialized first: a writer that fails half-way uploads nothing, and the blob keeps its previous content.
        using var buffer = new MemoryStream();
        await write(buffer, cancellationToken).ConfigureAwait(false);
        var content = BinaryData.FromBytes(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await _container.GetBlobClient(name).UploadAsync(content, overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<Stream?> OpenReadAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken)
    {
        string name = NameOf(modelName, modelVersion, entry);
        try
        {
            // One request for the whole blob: a blob replaced meanwhile is read as one version or the other.
            var download = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToStream();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ListAsync(string modelName, string modelVersion, CancellationToken cancellationToken)
    {
        string prefix = _prefix + ProfileStoreKeys.PrefixOf(modelName, modelVersion);
        var entries = new List<string>();
        try
        {
            var pages = _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).AsPages(pageSizeHint: _pageSize);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                entries.AddRange(page.Values.Select(b => b.Name[prefix.Length..]).Where(ProfileStoreKeys.IsEntry));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: no entries.
        }

        return entries;
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken)
    {
        string name = NameOf(modelName, modelVersion, entry);
        try
        {
            await _container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container: nothing to delete.
        }
    }

    /// <inheritdoc/>
    public string Describe(string modelName, string modelVersion, string entry) =>
        Location + ProfileStoreKeys.PrefixOf(modelName, modelVersion) + entry;

    /// <inheritdoc/>
    /// <remarks>A blob name holds at most 1,024 characters in at most 254 '/'-separated segments.</remarks>
    public string? CheckLimits(string modelName, string modelVersion, string entry)
    {
        string name = _prefix + ProfileStoreKeys.PrefixOf(modelName, modelVersion) + entry;
        if (name.Length > MaxNameLength)
        {
            return $"its blob names are up to {name.Length:N0} characters long (model name and version encoded, each byte of a character other than an ASCII letter, digit, '-', '_' or '.' as %XX); a blob name holds at most {MaxNameLength:N0}.";
        }

        int segments = name.Count(c => c == '/') + 1;
        return segments > MaxSegments ? $"its blob names have {segments} '/'-separated segments; a blob name has at most {MaxSegments}." : null;
    }

    private string NameOf(string modelName, string modelVersion, string entry) => _prefix + ProfileStoreKeys.KeyOf(modelName, modelVersion, entry);

    private static string Normalize(string prefix) => prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";

    private static string WithoutQuery(Uri uri) => uri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>Creates the container when first written to (replicas creating it at once, or twice, is harmless: it is created if it does not exist).</summary>
    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady && _createContainer)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _containerReady = true;
        }
    }
}

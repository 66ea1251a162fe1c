using System.Net;
using System.Security.Cryptography;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ModelWatch.Persistence;

namespace ModelWatch.Storage.S3;

/// <summary>
/// An <see cref="IProfileStore"/> in an S3 bucket (Amazon S3 or an S3-compatible server): one object
/// per entry, keyed <c>{prefix}{model}/{version}/{replica}/{kind}/{name}</c> (<see cref="ProfileStoreKeys"/>,
/// the file store's layout), each put whole — a PUT replaces the object atomically, so a reader sees the
/// previous content or the new — read in one request, and listed page by page.
/// </summary>
/// <remarks>
/// <para>
/// Bodies are sent with a signed length, never in the SDK's chunked encoding (which some compatible
/// servers store verbatim). Transient failures are retried by the SDK's standard retry mode
/// (exponential back-off with jitter, <see cref="S3StoreOptions.MaxRetries"/>); what still fails
/// reaches ModelWatch, which logs it and counts it in <c>modelwatch.store.errors</c>.
/// </para>
/// <para>
/// On Amazon S3 (and servers that follow it), listings page with ListObjectsV2's continuation token,
/// uploads carry the SDK's CRC checksum, which S3 checks and stores and reads validate, and the entries
/// ModelWatch writes once (window profiles, <see cref="ProfileStoreKeys.IsWrittenOnce"/>) are put with
/// <c>If-None-Match: *</c>: a key already holding other bytes means a second process writes under this
/// replica's id, reported as an error instead of a window replaced. With
/// <see cref="S3StoreOptions.CompatibleServer"/>, listings page with ListObjects (v1) and a marker,
/// uploads carry Content-MD5 and every put is unconditional (docs/stores.md says what that gives up).
/// </para>
/// </remarks>
public sealed class S3ProfileStore : IProfileStore, IDisposable
{
    /// <summary>An object key's longest length, in UTF-8 bytes (the keys are ASCII).</summary>
    private const int MaxKeyBytes = 1_024;

    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly int _pageSize;
    private readonly bool _compatible;
    private readonly bool _createBucket;
    private readonly int _conflictRetries;
    private volatile bool _bucketReady;

    /// <summary>Initializes a new instance of the <see cref="S3ProfileStore"/> class.</summary>
    /// <param name="options">Where the entries are kept.</param>
    /// <param name="credentials">The credentials; null for the SDK's own chain (environment, profile, SSO, container or instance role).</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public S3ProfileStore(S3StoreOptions options, AWSCredentials? credentials)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxRetries,
            Timeout = options.Timeout,
        };
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else if (options.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        if (options.CompatibleServer)
        {
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        _client = credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
        _ownsClient = true;
        _bucket = options.Bucket;
        _prefix = Normalize(options.Prefix);
        _pageSize = options.PageSize;
        _compatible = options.CompatibleServer;
        _createBucket = options.CreateBucket;
        _conflictRetries = options.MaxRetries;
        Location = $"s3://{_bucket}/{_prefix}";
    }

    /// <summary>Initializes a new instance of the <see cref="S3ProfileStore"/> class over a client of your own (its retry policy and checksums are yours).</summary>
    /// <param name="client">The client (not disposed by the store).</param>
    /// <param name="options">The bucket, prefix, listing and page size (the client's own settings apply to the rest).</param>
    public S3ProfileStore(IAmazonS3 client, S3StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _bucket = options.Bucket;
        _prefix = Normalize(options.Prefix);
        _pageSize = options.PageSize;
        _compatible = options.CompatibleServer;
        _createBucket = options.CreateBucket;
        _conflictRetries = options.MaxRetries;
        Location = $"s3://{_bucket}/{_prefix}";
    }

    /// <summary>Gets where the store lives, for logs: <c>s3://bucket/prefix/</c>.</summary>
    public string Location { get; }

    /// <inheritdoc/>
    public async Task WriteAsync(string modelName, string modelVersion, string entry, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        string key = KeyOf(modelName, modelVersion, entry);

        // Serialized first: a writer that fails half-way puts nothing, and the object keeps its previous content.
        using var buffer = new MemoryStream();
        await write(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = buffer,
            AutoCloseStream = false,
            UseChunkEncoding = false,
            ContentType = "application/octet-stream",
        };
        if (_compatible)
        {
            // Without the SDK's CRC checksums, the server still checks the body against its MD5.
#pragma warning disable CA5351 // Content-MD5 is an integrity check the S3 protocol defines, not a security measure.
            request.MD5Digest = Convert.ToBase64String(MD5.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
#pragma warning restore CA5351
        }

        if (_compatible || !ProfileStoreKeys.IsWrittenOnce(entry))
        {
            await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return;
        }

        await PutOnceAsync(request, buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts an entry ModelWatch writes once (a window's profile) only if its key is free
    /// (<c>If-None-Match: *</c>). Finding it taken with the same bytes is a write that had succeeded
    /// (a retry after a lost response, a window saved again after a restart); with other bytes it is
    /// a second writer under this replica's id, an error rather than a window silently replaced.
    /// </summary>
    private async Task PutOnceAsync(PutObjectRequest request, MemoryStream buffer, CancellationToken cancellationToken)
    {
        request.IfNoneMatch = "*";
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                buffer.Position = 0;
                await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Conflict && ex.ErrorCode == "ConditionalRequestConflict" && attempt < _conflictRetries)
            {
                // Another conditional write of the key was in flight; S3 asks for the request to be repeated.
                await Task.Delay(TimeSpan.FromMilliseconds(50 << Math.Min(attempt, 5)), cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                using var existing = await ReadObjectAsync(request.Key, cancellationToken).ConfigureAwait(false);
                if (existing is not null && existing.Length == buffer.Length
                    && existing.GetBuffer().AsSpan(0, (int)existing.Length).SequenceEqual(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
                {
                    return;
                }

                throw new IOException(
                    $"{Location}{request.Key} exists with other content: a window's profile is written once, so another process writes under this replica's id (give each replica its own ModelWatchOptions.ReplicaId).",
                    ex);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<Stream?> OpenReadAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken)
    {
        string key = KeyOf(modelName, modelVersion, entry);
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        return await ReadObjectAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an object whole, or null when there is none.</summary>
    private async Task<MemoryStream?> ReadObjectAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            // One GET for the whole object: an object replaced meanwhile is read as one version or the other.
            var request = new GetObjectRequest { BucketName = _bucket, Key = key };
            if (!_compatible)
            {
                // The object's checksum, stored with it at upload, validated against the bytes received.
                request.ChecksumMode = ChecksumMode.ENABLED;
            }

            using var response = await _client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            var content = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength >= 0 && content.Length != response.ContentLength)
            {
                throw new IOException($"{Location}{key}: read {content.Length:N0} bytes of {response.ContentLength:N0}.");
            }

            content.Position = 0;
            return content;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
        catch (AmazonClientException ex)
        {
            // The body does not match its checksum: on a server that rewrites objects in place, a write
            // of this key was cut off (or is in progress). The entry is unreadable, as a torn file is:
            // readers skip it (a snapshot's other slot is used), never read it as valid.
            throw new IOException($"{Location}{key} does not match its checksum ({ex.Message}): a write of it was cut off or is in progress.", ex);
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ListAsync(string modelName, string modelVersion, CancellationToken cancellationToken)
    {
        string prefix = _prefix + ProfileStoreKeys.PrefixOf(modelName, modelVersion);
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<string>();
        void Add(List<S3Object>? objects) =>
            entries.AddRange((objects ?? []).Select(o => o.Key[prefix.Length..]).Where(ProfileStoreKeys.IsEntry));

        if (_compatible)
        {
            // ListObjects (v1): the next page starts after the last key of this one, which is right only
            // when the server lists keys in their binary order, as S3 specifies. A page seen out of that
            // order (s3rver lists in directory order) is an error rather than a listing that lost keys;
            // a misordering that no single page shows cannot be seen (docs/stores.md).
            string? marker = null;
            while (true)
            {
                var page = await _client.ListObjectsAsync(new ListObjectsRequest { BucketName = _bucket, Prefix = prefix, MaxKeys = _pageSize, Marker = marker }, cancellationToken).ConfigureAwait(false);
                if (page.IsTruncated == true && !Ascending(page.S3Objects, marker))
                {
                    throw new InvalidDataException(
                        $"{Location}: the server listed keys out of their binary order, so a listing in pages of {_pageSize} could miss some; list in larger pages (S3StoreOptions.PageSize) or use a server that follows S3's order.");
                }

                Add(page.S3Objects);
                if (page.IsTruncated != true || page.S3Objects is not [.., var last])
                {
                    return entries;
                }

                marker = page.NextMarker ?? last.Key;
            }
        }

        string? token = null;
        while (true)
        {
            var page = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, MaxKeys = _pageSize, ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            Add(page.S3Objects);
            if (page.IsTruncated != true)
            {
                return entries;
            }

            token = page.NextContinuationToken;
        }
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken)
    {
        string key = KeyOf(modelName, modelVersion, entry);
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        await _client.DeleteObjectAsync(_bucket, key, cancellationToken).ConfigureAwait(false); // deleting a missing key succeeds
    }

    /// <inheritdoc/>
    public string Describe(string modelName, string modelVersion, string entry) =>
        Location + ProfileStoreKeys.PrefixOf(modelName, modelVersion) + entry;

    /// <inheritdoc/>
    /// <remarks>An object key holds at most 1,024 bytes.</remarks>
    public string? CheckLimits(string modelName, string modelVersion, string entry)
    {
        int length = (_prefix + ProfileStoreKeys.PrefixOf(modelName, modelVersion) + entry).Length;
        return length > MaxKeyBytes
            ? $"its object keys are up to {length:N0} bytes long (model name and version encoded, each byte of a character other than an ASCII letter, digit, '-', '_' or '.' as %XX); an S3 key holds at most {MaxKeyBytes:N0}."
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>Whether a page's keys rise strictly, all after the marker (ordinal comparison is the binary order of ASCII keys).</summary>
    private static bool Ascending(List<S3Object>? objects, string? marker)
    {
        string previous = marker ?? "";
        foreach (var o in objects ?? [])
        {
            if (string.CompareOrdinal(o.Key, previous) <= 0)
            {
                return false;
            }

            previous = o.Key;
        }

        return true;
    }

    private string KeyOf(string modelName, string modelVersion, string entry) => _prefix + ProfileStoreKeys.KeyOf(modelName, modelVersion, entry);

    private static string Normalize(string prefix) => prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";

    /// <summary>Creates the bucket before the first call, if asked (one that exists already, ours, is fine).</summary>
    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady || !_createBucket)
        {
            return;
        }

        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists" && ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Another replica, or an earlier run, created it.
        }

        _bucketReady = true;
    }
}

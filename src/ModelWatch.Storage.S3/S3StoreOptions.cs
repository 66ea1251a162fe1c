namespace ModelWatch.Storage.S3;

/// <summary>
/// Where and how <see cref="S3ProfileStore"/> keeps entries; bound from configuration
/// (<c>ModelWatch:Store:S3</c>, say) or set in code. Credentials are not among them: the AWS SDK's
/// own chain finds them (environment, profile, SSO, container or instance role), or register an
/// <see cref="Amazon.Runtime.AWSCredentials"/> in the service collection.
/// </summary>
public sealed class S3StoreOptions
{
    /// <summary>Gets or sets the bucket.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>Gets or sets a prefix for every key (<c>prod/</c>), so one bucket can hold several stores; empty by default.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Gets or sets the endpoint of an S3-compatible server (<c>http://minio:9000</c>); null for Amazon S3.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Gets or sets the region (<c>eu-west-1</c>); for Amazon S3, null leaves it to the SDK's chain (<c>AWS_REGION</c>, the profile). With <see cref="ServiceUrl"/>, the signing region (<c>us-east-1</c> by default).</summary>
    public string? Region { get; set; }

    /// <summary>Gets or sets a value indicating whether buckets are addressed in the path (<c>host/bucket/key</c>) rather than the host name; on by default, so any S3-compatible server works.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the server is S3-compatible rather than Amazon S3: uploads
    /// carry Content-MD5 instead of the SDK's CRC checksums (computed and validated only where an operation
    /// requires one) and listings use ListObjects (v1, with a marker) instead of ListObjectsV2, which
    /// several compatible servers do not page correctly. Off by default.
    /// </summary>
    public bool CompatibleServer { get; set; }

    /// <summary>Gets or sets a value indicating whether the bucket is created when it does not exist (needs the right to create it); off by default.</summary>
    public bool CreateBucket { get; set; }

    /// <summary>Gets or sets how many keys one listing request asks for (S3 returns at most 1,000).</summary>
    public int PageSize { get; set; } = 1_000;

    /// <summary>Gets or sets how often the SDK retries a request that failed transiently (its standard mode: exponential back-off with jitter).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Gets or sets how long one request may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Throws when a setting is missing or out of range; called at registration.</summary>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public void Validate()
    {
        bool bucketOk = Bucket.Length is >= 3 and <= 63 && Bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')
            && char.IsAsciiLetterOrDigit(Bucket[0]) && char.IsAsciiLetterOrDigit(Bucket[^1]);
        if (!bucketOk)
        {
            throw new ArgumentException($"S3StoreOptions.Bucket must be a bucket name: 3 to 63 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit; it is '{Bucket}'.", nameof(Bucket));
        }

        if (Prefix.Length > 0 && !Persistence.ProfileStoreKeys.IsEntry(Prefix.TrimEnd('/')))
        {
            throw new ArgumentException($"S3StoreOptions.Prefix must be '/'-separated segments of ASCII letters, digits, '-', '_' and '.' (never first); it is '{Prefix}'.", nameof(Prefix));
        }

        if (ServiceUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("S3StoreOptions.ServiceUrl must be an absolute URI.", nameof(ServiceUrl));
        }

        if (PageSize is < 1 or > 1_000)
        {
            throw new ArgumentException($"S3StoreOptions.PageSize must lie in [1, 1000]; it is {PageSize}.", nameof(PageSize));
        }

        if (MaxRetries is < 0 or > 20)
        {
            throw new ArgumentException($"S3StoreOptions.MaxRetries must lie in [0, 20]; it is {MaxRetries}.", nameof(MaxRetries));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"S3StoreOptions.Timeout must be positive; it is {Timeout}.", nameof(Timeout));
        }
    }
}

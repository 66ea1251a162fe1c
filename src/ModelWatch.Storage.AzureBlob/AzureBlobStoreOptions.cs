namespace ModelWatch.Storage.AzureBlob;

/// <summary>
/// Where and how <see cref="AzureBlobProfileStore"/> keeps entries; bound from configuration
/// (<c>ModelWatch:Store:AzureBlob</c>, say) or set in code. Give either a connection string and a
/// container name, or the container's URI (authorized by a SAS in it, or by the
/// <see cref="Azure.Core.TokenCredential"/> registered in the container, e.g. <c>DefaultAzureCredential</c>).
/// </summary>
public sealed class AzureBlobStoreOptions
{
    /// <summary>Gets or sets the storage account's connection string (with <see cref="ContainerName"/>); the store never logs it.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the container's name, with <see cref="ConnectionString"/>.</summary>
    public string? ContainerName { get; set; }

    /// <summary>Gets or sets the container's URI (<c>https://account.blob.core.windows.net/modelwatch</c>), instead of a connection string.</summary>
    public Uri? ContainerUri { get; set; }

    /// <summary>Gets or sets a prefix for every blob name (<c>prod/</c>), so one container can hold several stores; empty by default.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Gets or sets a value indicating whether the container is created when it does not exist (needs the right to create it).</summary>
    public bool CreateContainer { get; set; } = true;

    /// <summary>Gets or sets how many blobs one listing request asks for (the service returns at most 5,000).</summary>
    public int PageSize { get; set; } = 1_000;

    /// <summary>Gets or sets how often the SDK retries a request that failed transiently (exponential back-off with jitter).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Gets or sets the delay before the first retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Gets or sets the longest delay between retries.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long one request may take before it is abandoned and retried.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Throws when a setting is missing or out of range; called at registration.</summary>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it, never a key).</exception>
    public void Validate()
    {
        bool byConnection = !string.IsNullOrWhiteSpace(ConnectionString);
        if (byConnection == (ContainerUri is not null))
        {
            throw new ArgumentException("AzureBlobStoreOptions needs either ConnectionString (with ContainerName) or ContainerUri, not both.", byConnection ? nameof(ContainerUri) : nameof(ConnectionString));
        }

        if (byConnection && string.IsNullOrWhiteSpace(ContainerName))
        {
            throw new ArgumentException("AzureBlobStoreOptions.ContainerName is required with a ConnectionString.", nameof(ContainerName));
        }

        if (ContainerUri is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("AzureBlobStoreOptions.ContainerUri must be an absolute URI.", nameof(ContainerUri));
        }

        if (Prefix.Length > 0 && !Persistence.ProfileStoreKeys.IsEntry(Prefix.TrimEnd('/')))
        {
            throw new ArgumentException($"AzureBlobStoreOptions.Prefix must be '/'-separated segments of ASCII letters, digits, '-', '_' and '.' (never first); it is '{Prefix}'.", nameof(Prefix));
        }

        if (PageSize is < 1 or > 5_000)
        {
            throw new ArgumentException($"AzureBlobStoreOptions.PageSize must lie in [1, 5000]; it is {PageSize}.", nameof(PageSize));
        }

        if (MaxRetries is < 0 or > 20)
        {
            throw new ArgumentException($"AzureBlobStoreOptions.MaxRetries must lie in [0, 20]; it is {MaxRetries}.", nameof(MaxRetries));
        }

        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < RetryDelay || NetworkTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"AzureBlobStoreOptions: RetryDelay ({RetryDelay}) must lie in [0, MaxRetryDelay ({MaxRetryDelay})] and NetworkTimeout ({NetworkTimeout}) be positive.", nameof(RetryDelay));
        }
    }
}

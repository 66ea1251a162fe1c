using Amazon.Runtime;
using ModelWatch.Persistence;
using ModelWatch.Storage.S3;
using ModelWatch.Storage.Tests.Contract;

namespace ModelWatch.Storage.Tests.S3;

/// <summary>
/// The store contract on <see cref="S3ProfileStore"/> in its Amazon S3 mode (ListObjectsV2, CRC32
/// checksums, create-only window entries) against <see cref="FakeS3Server"/>, which answers ListObjects
/// v1 and chunked uploads with errors: the contract passing proves those paths are not taken.
/// </summary>
public sealed class S3AmazonModeContractTests : StoreContract, IDisposable
{
    private readonly FakeS3Server _server = new();

    internal static S3StoreOptions Options(FakeS3Server server, int pageSize) => new()
    {
        Bucket = "mw-amazon-mode",
        Prefix = "fleet/eu",
        ServiceUrl = server.Url,
        CreateBucket = true,
        PageSize = pageSize,
        MaxRetries = 1,
    };

    internal static AWSCredentials Credentials => new BasicAWSCredentials("AKIDEXAMPLE", "fake-secret");

    protected override IProfileStore Open(int pageSize) => new S3ProfileStore(Options(_server, pageSize), Credentials);

    public void Dispose() => _server.Dispose();
}

using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ModelWatch.Storage.S3;
using ModelWatch.Storage.Tests.Servers;

namespace ModelWatch.Storage.Tests.S3;

/// <summary>s3rver as the tests reach it: its one account (S3RVER / S3RVER), path-style, as an S3-compatible server.</summary>
internal static class S3Server
{
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    public static S3StoreOptions Options(string bucket, int pageSize = 1_000) => new()
    {
        Bucket = bucket,
        ServiceUrl = new Uri(StoreServers.Get(StoreServers.S3)),
        CompatibleServer = true,
        CreateBucket = true,
        PageSize = pageSize,
        MaxRetries = 1,
    };

    public static AWSCredentials Credentials => new BasicAWSCredentials(AccessKey, SecretKey);

    /// <summary>Deletes a bucket and everything in it.</summary>
    public static async Task DeleteBucketAsync(string bucket)
    {
        using var client = new AmazonS3Client(Credentials, new AmazonS3Config { ServiceURL = StoreServers.Get(StoreServers.S3), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        try
        {
            var listed = await client.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket });
            while (listed.S3Objects is { Count: > 0 } objects)
            {
                foreach (var o in objects)
                {
                    await client.DeleteObjectAsync(bucket, o.Key);
                }

                listed = await client.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket });
            }

            await client.DeleteBucketAsync(bucket);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }
}

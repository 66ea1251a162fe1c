using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Persistence;
using ModelWatch.Storage.S3;
using ModelWatch.Storage.Tests.Contract;

namespace ModelWatch.Storage.Tests.S3;

/// <summary>What only the S3 store does: its registration, its settings, its secret key.</summary>
public sealed class S3StoreTests
{
    [SkippableFact]
    public async Task TheSecretKey_NeverReachesALogOrAnError()
    {
        string bucket = "mw-" + Guid.NewGuid().ToString("N");
        string wrongSecret = "wrong-" + Guid.NewGuid().ToString("N");
        using var good = new S3ProfileStore(S3Server.Options(bucket), S3Server.Credentials);
        var wrongOptions = S3Server.Options(bucket);
        wrongOptions.MaxRetries = 0;
        // s3rver does not check SigV4 signatures, only the access key: an unknown one makes every call fail, with a secret key that must not show.
        using var wrong = new S3ProfileStore(wrongOptions, new BasicAWSCredentials("UNKNOWNKEY", wrongSecret));
        await Secrets.NeverShownAsync(good, wrong, wrongSecret);
        await S3Server.DeleteBucketAsync(bucket);
    }

    [Fact]
    public void Registration_FromConfiguration_BindsEverySetting()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Bucket"] = "ml-monitoring",
            ["Store:Prefix"] = "prod",
            ["Store:ServiceUrl"] = "http://127.0.0.1:9000",
            ["Store:Region"] = "eu-west-1",
            ["Store:CompatibleServer"] = "true",
            ["Store:PageSize"] = "100",
        }).Build().GetSection("Store");
        var services = new ServiceCollection();
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("id", "secret-key"));
        services.AddModelWatch().UseS3Store(section);
        using var provider = services.BuildServiceProvider();
        var store = Assert.IsType<S3ProfileStore>(provider.GetRequiredService<IProfileStore>());
        Assert.Equal("s3://ml-monitoring/prod/fraud%20model/3/pod-1/snapshot/a.json", store.Describe("fraud model", "3", "pod-1/snapshot/a.json"));
    }

    [Theory]
    [InlineData("Store:Bucket", "Not_A_Bucket", "Bucket")]
    [InlineData("Store:Bukket", "x", "Bukket")]
    [InlineData("Store:PageSize", "1001", "PageSize")]
    [InlineData("Store:Prefix", "a//b", "Prefix")]
    public void BadSettings_FailAtRegistration_NamingTheSetting(string key, string value, string named)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Bucket"] = "ml-monitoring",
            [key] = value,
        }).Build().GetSection("Store");
        var ex = Assert.ThrowsAny<Exception>(() => new ServiceCollection().AddModelWatch().UseS3Store(section));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }
}

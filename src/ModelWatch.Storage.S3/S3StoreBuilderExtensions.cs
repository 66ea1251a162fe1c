using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelWatch.DependencyInjection;
using ModelWatch.Persistence;

namespace ModelWatch.Storage.S3;

/// <summary>Registers <see cref="S3ProfileStore"/> as ModelWatch's store.</summary>
public static class S3StoreBuilderExtensions
{
    /// <summary>
    /// Keeps every monitor's state and window profiles in an S3 bucket set in code; credentials come
    /// from the <see cref="AWSCredentials"/> registered in the service collection, or else from the AWS
    /// SDK's own chain (environment, profile, SSO, container or instance role).
    /// </summary>
    /// <param name="builder">The ModelWatch builder.</param>
    /// <param name="configure">Sets the options (bucket, prefix, service URL, compatible server …).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public static IModelWatchBuilder UseS3Store(this IModelWatchBuilder builder, Action<S3StoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new S3StoreOptions();
        configure(options);
        return Register(builder, options);
    }

    /// <summary>Keeps every monitor's state and window profiles in an S3 bucket set by a configuration section (<c>Bucket</c>, <c>Prefix</c>, <c>ServiceUrl</c>, <c>Region</c>, <c>CompatibleServer</c>, <c>PageSize</c>, <c>MaxRetries</c> …); credentials as for the other overload.</summary>
    /// <param name="builder">The ModelWatch builder.</param>
    /// <param name="section">The section, e.g. <c>ModelWatch:Store:S3</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">A setting is missing or invalid.</exception>
    public static IModelWatchBuilder UseS3Store(this IModelWatchBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        var options = new S3StoreOptions();
        section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        return Register(builder, options);
    }

    private static IModelWatchBuilder Register(IModelWatchBuilder builder, S3StoreOptions options)
    {
        options.Validate();
        builder.UseStore<S3ProfileStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IProfileStore>(sp => new S3ProfileStore(options, sp.GetService<AWSCredentials>())));
        return builder;
    }
}

using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelWatch.DependencyInjection;
using ModelWatch.Persistence;

namespace ModelWatch.Storage.AzureBlob;

/// <summary>Registers <see cref="AzureBlobProfileStore"/> as ModelWatch's store.</summary>
public static class AzureBlobStoreBuilderExtensions
{
    /// <summary>Keeps every monitor's state and window profiles in a blob container reached by a connection string.</summary>
    /// <param name="builder">The ModelWatch builder.</param>
    /// <param name="connectionString">The storage account's connection string.</param>
    /// <param name="containerName">The container (created when missing).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public static IModelWatchBuilder UseAzureBlobStore(this IModelWatchBuilder builder, string connectionString, string containerName) =>
        builder.UseAzureBlobStore(o =>
        {
            o.ConnectionString = connectionString;
            o.ContainerName = containerName;
        });

    /// <summary>
    /// Keeps every monitor's state and window profiles in a blob container set in code: a connection
    /// string and a container name, or the container's URI — authorized by a SAS in it or by the
    /// <see cref="TokenCredential"/> registered in the service collection
    /// (<c>services.AddSingleton&lt;TokenCredential&gt;(new DefaultAzureCredential())</c>).
    /// </summary>
    /// <param name="builder">The ModelWatch builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public static IModelWatchBuilder UseAzureBlobStore(this IModelWatchBuilder builder, Action<AzureBlobStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AzureBlobStoreOptions();
        configure(options);
        return Register(builder, options);
    }

    /// <summary>Keeps every monitor's state and window profiles in a blob container set by a configuration section (<c>ConnectionString</c> and <c>ContainerName</c>, or <c>ContainerUri</c>; <c>Prefix</c>, <c>PageSize</c>, <c>MaxRetries</c> …).</summary>
    /// <param name="builder">The ModelWatch builder.</param>
    /// <param name="section">The section, e.g. <c>ModelWatch:Store:AzureBlob</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">A setting is missing or invalid.</exception>
    public static IModelWatchBuilder UseAzureBlobStore(this IModelWatchBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        var options = new AzureBlobStoreOptions();
        section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        return Register(builder, options);
    }

    private static IModelWatchBuilder Register(IModelWatchBuilder builder, AzureBlobStoreOptions options)
    {
        options.Validate();
        builder.UseStore<AzureBlobProfileStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IProfileStore>(sp =>
            new AzureBlobProfileStore(options, options.ContainerUri is null ? null : sp.GetService<TokenCredential>())));
        return builder;
    }
}

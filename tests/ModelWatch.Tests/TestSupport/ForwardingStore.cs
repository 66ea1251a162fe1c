using ModelWatch.Persistence;

namespace ModelWatch.Tests.TestSupport;

#pragma warning disable MW0002 // IProfileStore is experimental
/// <summary>A store that hands every call to another: test stores override only what they change.</summary>
public abstract class ForwardingStore(IProfileStore inner) : IProfileStore
{
    public virtual string? CheckLimits(string modelName, string modelVersion, string entry) => inner.CheckLimits(modelName, modelVersion, entry);

    public virtual Task WriteAsync(string modelName, string modelVersion, string entry, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        inner.WriteAsync(modelName, modelVersion, entry, write, cancellationToken);

    public virtual Task<Stream?> OpenReadAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken) =>
        inner.OpenReadAsync(modelName, modelVersion, entry, cancellationToken);

    public virtual Task<IReadOnlyList<string>> ListAsync(string modelName, string modelVersion, CancellationToken cancellationToken) =>
        inner.ListAsync(modelName, modelVersion, cancellationToken);

    public virtual Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken) =>
        inner.DeleteAsync(modelName, modelVersion, entry, cancellationToken);

    public virtual string Describe(string modelName, string modelVersion, string entry) => inner.Describe(modelName, modelVersion, entry);
}
#pragma warning restore MW0002

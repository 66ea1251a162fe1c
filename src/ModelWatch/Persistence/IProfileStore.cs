namespace ModelWatch.Persistence;

/// <summary>
/// Where ModelWatch keeps what must survive a restart: each monitor's snapshot (its reference,
/// the windows in progress, running totals and alert state), as named entries per model version.
/// <see cref="FileProfileStore"/> is the embedded default; implement this interface to keep
/// them in your own storage (a blob container, a database), docs/persistence.md shows how.
/// </summary>
/// <remarks>
/// <para>
/// ModelWatch lays out the keys, the same for every store: <c>{model}/{version}/{replica}/{kind}/{name}</c>
/// (docs/persistence.md, "Key layout"). A store is given the model and the version, which come from
/// configuration and must be encoded, and the entry, <c>{replica}/{kind}/{name}</c>: segments of ASCII
/// letters, digits, '-', '_' and '.' (never first) separated by '/', to be kept as path segments.
/// </para>
/// <para>
/// Implementations must be safe to call from several threads, must make <see cref="WriteAsync"/>
/// atomic (a reader sees the previous content or the new one, never a mix), and must keep
/// model names and versions from reaching outside their storage.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.Experimental("MW0002")]
public interface IProfileStore
{
    /// <summary>Writes an entry atomically, replacing any previous content.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="modelVersion">The model's version.</param>
    /// <param name="entry">The entry: '/'-separated segments of letters, digits, '-', '_' and '.' (<c>pod-1/snapshot/a.json</c>).</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="cancellationToken">Cancels the write (the previous content stays).</param>
    /// <returns>A task that completes when the content is durable.</returns>
    Task WriteAsync(string modelName, string modelVersion, string entry, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken);

    /// <summary>Opens an entry for reading.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="modelVersion">The model's version.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The content, or null when the entry does not exist.</returns>
    Task<Stream?> OpenReadAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken);

    /// <summary>Lists every entry of a model version, at any depth, as it was written (<c>pod-1/snapshot/a.json</c>), in no particular order.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="modelVersion">The model's version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries; empty when the model version has none.</returns>
    Task<IReadOnlyList<string>> ListAsync(string modelName, string modelVersion, CancellationToken cancellationToken);

    /// <summary>Deletes an entry if it exists.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="modelVersion">The model's version.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the entry is gone.</returns>
    Task DeleteAsync(string modelName, string modelVersion, string entry, CancellationToken cancellationToken);

    /// <summary>
    /// Says why the store cannot hold an entry of a model version — a name too long for it, a
    /// character it cannot keep — or null when it can. ModelWatch asks when a model version is
    /// configured, with the longest entries its layout makes, so a configuration the store cannot
    /// hold stops the host at start-up instead of failing every save.
    /// </summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="modelVersion">The model's version.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>Why the store cannot hold the entry, or null. By default, null: no limits.</returns>
    string? CheckLimits(string modelName, string modelVersion, string entry) => null;

    /// <summary>Names an entry for log messages and errors (a file store gives its path).</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="modelVersion">The model's version.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>A description of where the entry lives.</returns>
    string Describe(string modelName, string modelVersion, string entry);
}

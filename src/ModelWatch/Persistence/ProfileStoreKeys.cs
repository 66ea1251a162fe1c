namespace ModelWatch.Persistence;

/// <summary>
/// The keys every store gives its entries, the file store's folders included:
/// <c>{model}/{version}/{entry}</c> with the model's name and version encoded into single plain
/// segments. A store built on these keys lays its entries out exactly as <see cref="FileProfileStore"/>
/// does, so a folder copied into a bucket (or a bucket synced to a folder) is the same store.
/// </summary>
/// <remarks>
/// Names keep ASCII letters, digits, '-' and '_' (and '.' after the first character); any other
/// byte of their UTF-8 form becomes <c>%XX</c>, and Windows device names (CON, NUL, COM1 …) get their
/// first letter encoded. So <c>..</c>, <c>a/b</c> and <c>/etc/passwd</c> are one plain segment each,
/// and no two names share an encoding.
/// </remarks>
[System.Diagnostics.CodeAnalysis.Experimental("MW0002")]
public static class ProfileStoreKeys
{
    /// <summary>Encodes a model name or version into one plain key segment.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The segment.</returns>
    /// <exception cref="ArgumentException">The name is null or empty.</exception>
    public static string EncodeName(string name) => FileProfileStore.Segment(name);

    /// <summary>
    /// Whether <paramref name="entry"/> is an entry a store can be handed: '/'-separated, non-empty
    /// segments of ASCII letters, digits, '-', '_' and '.' (never first), as ModelWatch's layout makes
    /// them (<c>pod-1/snapshot/a.json</c>). Anything else found in a store's space is not an entry.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <returns>True when it is an entry.</returns>
    public static bool IsEntry(string entry) =>
        !string.IsNullOrEmpty(entry) && entry.Split(StoreLayout.Separator).All(s => s.Length > 0 && FileProfileStore.Segment(s) == s);

    /// <summary>
    /// Whether ModelWatch writes <paramref name="entry"/> once and never replaces it: a closed window's
    /// profile (<c>pod-1/window/20261127T100000000Z.mwp</c>), unlike a replica's snapshots, which it
    /// saves alternately over the same two entries. A store whose server can refuse to replace an
    /// object (S3's <c>If-None-Match: *</c>) may write such entries create-only, so two writers
    /// sharing a replica id are found out instead of overwriting each other's windows.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <returns>True for an entry written once.</returns>
    public static bool IsWrittenOnce(string entry) =>
        StoreLayout.TryParse(entry, out _, out string kind, out _) && kind == StoreLayout.WindowKind;

    /// <summary>The key of an entry: <c>{encoded model}/{encoded version}/{entry}</c>.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="modelVersion">The model's version.</param>
    /// <param name="entry">The entry (<see cref="IsEntry"/>).</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">A name is empty, or the entry is not one.</exception>
    public static string KeyOf(string modelName, string modelVersion, string entry) =>
        IsEntry(entry)
            ? string.Concat(PrefixOf(modelName, modelVersion), entry)
            : throw new ArgumentException($"'{entry}' is not a store entry: '/'-separated segments of ASCII letters, digits, '-', '_' and '.' (never first).", nameof(entry));

    /// <summary>The prefix every key of a model version starts with, its trailing '/' included: what a store lists.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="modelVersion">The model's version.</param>
    /// <returns>The prefix.</returns>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    public static string PrefixOf(string modelName, string modelVersion) =>
        string.Concat(EncodeName(modelName), "/", EncodeName(modelVersion), "/");
}

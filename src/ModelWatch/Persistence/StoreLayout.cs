using ModelWatch.Monitoring;

namespace ModelWatch.Persistence;

/// <summary>
/// The key layout of every profile store, present and future, defined here once:
/// <c>{model}/{version}/{replica}/{kind}/{name}</c> (docs/persistence.md, "Key layout").
/// </summary>
/// <remarks>
/// A store is handed the model and the version — names from configuration, which it encodes — and
/// the rest as the entry: <c>{replica}/{kind}/{name}</c>, segments of ASCII letters, digits, '-', '_'
/// and '.' separated by '/'. The replica is a segment of its own, so every entry a replica writes
/// carries its id and ids may hold '-' (<c>pod-1</c> and <c>pod-1-a</c> never share an entry); a
/// replica reads back only its own snapshots. Kinds: <see cref="SnapshotKind"/> (the monitor's state,
/// <c>a.json</c> and <c>b.json</c>, saved alternately) and <see cref="WindowKind"/> (closed windows'
/// profiles, named by <see cref="WindowProfiles"/>).
/// </remarks>
internal static class StoreLayout
{
    public const char Separator = '/';
    public const string SnapshotKind = "snapshot";
    public const string WindowKind = "window";

    /// <summary>The longest replica id (<see cref="ReplicaIds"/>): limits are checked against it.</summary>
    private const int LongestReplica = 64;

    /// <summary>The entry of one of a replica's things.</summary>
    public static string Entry(string replica, string kind, string name) => string.Concat(replica, "/", kind, "/", name);

    /// <summary>The two entries a replica's snapshots of a model version alternate between.</summary>
    public static string[] Snapshots(string replica) => [Entry(replica, SnapshotKind, "a.json"), Entry(replica, SnapshotKind, "b.json")];

    /// <summary>
    /// The longest entries the layout makes for any replica, one per kind: what a store's limits are
    /// checked against when a model version is configured.
    /// </summary>
    public static IReadOnlyList<string> LongestEntries { get; } =
    [
        Snapshots(new string('r', LongestReplica))[0],
        WindowProfiles.EntryName(null, long.MinValue, new string('r', LongestReplica)),
    ];

    /// <summary>Splits an entry of this layout; false for anything else (an entry of the first layout, a foreign file).</summary>
    public static bool TryParse(string entry, out string replica, out string kind, out string name)
    {
        replica = kind = name = "";
        var parts = entry.Split(Separator);
        if (parts.Length != 3 || !ReplicaIds.IsValid(parts[0]) || parts[1] is not (SnapshotKind or WindowKind) || parts[2].Length == 0)
        {
            return false;
        }

        (replica, kind, name) = (parts[0], parts[1], parts[2]);
        return true;
    }
}

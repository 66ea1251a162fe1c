namespace ModelWatch.Monitoring;

/// <summary>
/// The one check every list and array restored from a snapshot passes: one entry per column, bin or
/// class of the model it is restored into, or the snapshot does not fit that model.
/// </summary>
internal static class SnapshotLists
{
    /// <summary>Restores each saved entry into its place; a list the snapshot lacks counts as empty.</summary>
    /// <exception cref="ArgumentException">The snapshot has more or fewer entries than the model.</exception>
    public static void RestoreEach<T>(IReadOnlyList<T>? saved, int expected, string what, Action<int, T> restore)
    {
        saved ??= [];
        if (saved.Count != expected)
        {
            throw new ArgumentException($"{saved.Count} {what} where the model has {expected}");
        }

        for (int i = 0; i < saved.Count; i++)
        {
            restore(i, saved[i]);
        }
    }

    /// <summary>Copies a saved array over the model's; an array the snapshot lacks counts as empty.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static void CopyExact<T>(T[]? saved, T[] target, string what) =>
        RestoreEach(saved, target.Length, what, (i, value) => target[i] = value);
}

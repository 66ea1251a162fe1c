namespace ModelWatch.Persistence;

/// <summary>
/// Whether a store can hold a model version's entries: the store states its limits
/// (<see cref="IProfileStore.CheckLimits"/>), checked against the longest entries the layout makes
/// (<see cref="StoreLayout.LongestEntries"/>), for any replica.
/// </summary>
internal static class StoreLimits
{
    /// <summary>The first problem the store finds with the model version's entries, or none.</summary>
    public static IReadOnlyList<string> Check(IProfileStore store, string modelName, string modelVersion)
    {
        if (string.IsNullOrEmpty(modelName) || string.IsNullOrEmpty(modelVersion))
        {
            return []; // reported by the model's own validation
        }

        // Entries of different kinds mostly fail for one reason (the model name, the folder): it is said once.
        return StoreLayout.LongestEntries.Select(entry => store.CheckLimits(modelName, modelVersion, entry)).FirstOrDefault(p => p is not null) is { } problem
            ? [$"Model '{modelName}' version '{modelVersion}': the store cannot hold its entries: {problem}"]
            : [];
    }
}

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// The values of the model list's <c>status</c> parameter: <c>alerting</c> (a drift or quality alert
/// is active on the model or one of its segments), <c>drifting</c> (the latest window drifted, alert
/// or not), or one status word (<see cref="ModelState.StatusOf"/>).
/// </summary>
internal static class ModelListFilter
{
    public const string Alerting = "alerting";
    public const string Drifting = "drifting";

    /// <summary>Gets the accepted values, as the list's search form offers them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Alerting, Drifting, "qualityAlert", "driftAlert", "drift", "stable", "noData"];

    /// <summary>Finds the accepted value a request's text names, ignoring case.</summary>
    public static bool TryNormalize(string text, out string? value)
    {
        foreach (string name in Names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = name;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Whether a model in <paramref name="state"/> is one <paramref name="filter"/> (an accepted value) lists.</summary>
    public static bool Matches(string filter, in ModelState state) => filter switch
    {
        Alerting => state.IsAlerting,
        Drifting => state.IsDrifting,
        _ => string.Equals(state.Status, filter, StringComparison.Ordinal),
    };
}

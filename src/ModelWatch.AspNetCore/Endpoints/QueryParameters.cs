using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>The rules every paged endpoint reads its query string by, and their error messages, in one place.</summary>
internal static class QueryParameters
{
    /// <summary>The largest page a request may ask for.</summary>
    public const int MaxLimit = 1_000;

    public const string BothCursors = "Give after (the next pages) or before (the previous pages), not both.";

    // How much of a rejected value an error message repeats.
    private const int EchoLength = 40;

    /// <summary>Reads one parameter: absent or empty is null; given more than once is an error.</summary>
    public static bool TryGet(IQueryCollection query, string name, out string? value, out string error)
    {
        value = null;
        error = string.Empty;
        if (!query.TryGetValue(name, out var values))
        {
            return true;
        }

        if (values.Count > 1)
        {
            error = $"{name} is given more than once.";
            return false;
        }

        value = string.IsNullOrEmpty(values[0]) ? null : values[0];
        return true;
    }

    /// <summary>Reads <c>limit</c>: a whole number from 1 to <see cref="MaxLimit"/>, <paramref name="defaultLimit"/> when absent.</summary>
    public static bool TryLimit(string? text, int defaultLimit, out int limit, out string error)
    {
        error = string.Empty;
        limit = defaultLimit;
        if (text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
        {
            return true;
        }

        error = $"limit must be a whole number from 1 to {MaxLimit.ToString(CultureInfo.InvariantCulture)}; got '{Echo(text)}'.";
        return false;
    }

    /// <summary>A rejected value as an error message repeats it: cut short (the message is escaped wherever it goes).</summary>
    public static string Echo(string value) => value.Length <= EchoLength ? value : string.Concat(value.AsSpan(0, EchoLength), "…");
}

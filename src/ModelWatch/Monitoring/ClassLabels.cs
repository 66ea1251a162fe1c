using System.Globalization;

namespace ModelWatch.Monitoring;

/// <summary>
/// Turns a class index given as a double into its category string without allocating for the
/// usual small indexes (0–1023 are cached).
/// </summary>
internal static class ClassLabels
{
    private static readonly string[] Cached = Enumerable.Range(0, 1024).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The label of a class index, or null (missing) when the value is not a non-negative integer.</summary>
    public static string? Of(double classIndex)
    {
        if (!(classIndex >= 0 && classIndex <= int.MaxValue) || classIndex != Math.Floor(classIndex))
        {
            return null;
        }

        int i = (int)classIndex;
        return i < Cached.Length ? Cached[i] : i.ToString(CultureInfo.InvariantCulture);
    }
}

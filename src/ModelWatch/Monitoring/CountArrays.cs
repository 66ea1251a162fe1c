using System.Numerics;

namespace ModelWatch.Monitoring;

/// <summary>The element-wise sum every mergeable accumulator's count and sum arrays merge by.</summary>
internal static class CountArrays
{
    /// <summary>Adds <paramref name="source"/> into <paramref name="target"/>, element by element (arrays of one layout, so of one length).</summary>
    public static void AddInto<T>(T[] target, T[] source)
        where T : IAdditionOperators<T, T, T>
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }
}

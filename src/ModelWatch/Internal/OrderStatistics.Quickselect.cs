using System.Numerics;

namespace ModelWatch.Internal;

/// <summary>The in-place selection (introselect) that the exact paths fall back on.</summary>
internal static partial class OrderStatistics
{
    /// <summary>
    /// The k-th smallest value (0-based) of <paramref name="values"/>, reordering it: Hoare
    /// partitioning around a median of three, with a sort of the remaining range when the
    /// partitions stop shrinking (introselect, Musser 1997), so the worst case stays O(n log n).
    /// </summary>
    internal static double Quickselect(Span<double> values, int k)
    {
        int left = 0;
        int right = values.Length - 1;
        int budget = 2 * (64 - BitOperations.LeadingZeroCount((ulong)values.Length));
        while (right > left)
        {
            if (right - left < 32 || budget-- == 0)
            {
                values[left..(right + 1)].Sort();
                return values[k];
            }

            int mid = left + ((right - left) >> 1);
            double a = values[left], b = values[mid], c = values[right];
            double pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // Now values[left..j] <= pivot <= values[i..right], and values strictly between j and i equal the pivot.
            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static ulong NextRandom(ref ulong state)
    {
        // SplitMix64 (Steele, Lea and Flood 2014).
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

namespace ModelWatch.Estimation;

/// <summary>
/// Ten seeded, stratified random test folds of ⌈n/10⌉ rows each, the shape of scikit-learn's
/// <c>StratifiedShuffleSplit(n_splits=10, test_size=0.1)</c> that NannyML's calibration decision uses.
/// </summary>
/// <remarks>
/// The folds are not scikit-learn's (its NumPy MT19937 draws are not reproduced), so a reference
/// whose calibration decision is borderline may be decided differently from NannyML. Each class gets
/// its share of the test rows by largest remainder; the rows are drawn with a SplitMix64 generator
/// from a fixed seed, so the decision is the same on every run and platform.
/// </remarks>
internal static class SeededStratifiedSplits
{
    private const int Splits = 10;
    private const ulong Seed = 42;

    public static int[][] Create(IReadOnlyList<int> targets)
    {
        int n = targets.Count;
        int testSize = (n + 9) / 10;
        var positives = new List<int>();
        var negatives = new List<int>();
        for (int row = 0; row < n; row++)
        {
            (targets[row] == 1 ? positives : negatives).Add(row);
        }

        // Largest remainder: the class with the larger fractional share gets the rounding row.
        double positiveShare = (double)testSize * positives.Count / n;
        int positiveTests = (int)Math.Floor(positiveShare);
        if (positiveShare - positiveTests > 0.5)
        {
            positiveTests++;
        }

        int negativeTests = testSize - positiveTests;

        ulong state = Seed;
        var folds = new int[Splits][];
        for (int s = 0; s < Splits; s++)
        {
            var fold = new List<int>(testSize);
            fold.AddRange(Draw(positives, positiveTests, ref state));
            fold.AddRange(Draw(negatives, negativeTests, ref state));
            folds[s] = [.. fold];
        }

        return folds;
    }

    /// <summary>The first <paramref name="count"/> rows of a partial Fisher–Yates shuffle.</summary>
    private static int[] Draw(List<int> rows, int count, ref ulong state)
    {
        int[] pool = [.. rows];
        count = Math.Min(count, pool.Length);
        for (int i = 0; i < count; i++)
        {
            int j = i + (int)(NextUnit(ref state) * (pool.Length - i));
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return pool[..count];
    }

    private static double NextUnit(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}

using System.Runtime.InteropServices;

namespace ModelWatch.Estimation;

/// <summary>
/// Mergeable sums from which <see cref="ReconstructionDrift"/>'s preprocessing and principal components are
/// fitted as from the rows themselves, without holding them: a production reference gathered in the
/// serving process, or a reference too large for memory profiled part by part.
/// </summary>
/// <remarks>
/// <para>The batch fit imputes a missing number with its column's mean and a missing category with its
/// column's mode, encodes categories by frequency and only then computes the covariance, so the sums must
/// not depend on values known only at the end. They are kept per pair of columns instead:</para>
/// <list type="bullet">
/// <item>two numeric columns: over the rows where both are present, the count, both means and the
/// co-moment, by Welford's update and Chan's merge (a missing value imputed with the mean deviates by 0
/// from it, so those rows add nothing);</item>
/// <item>a numeric and a categorical column: per category (and for missing), the count and the mean of
/// the number over the rows where it is present;</item>
/// <item>two categorical columns: the joint counts of their categories.</item>
/// </list>
/// <para>Cost per row: p(p + 1)/2 Welford updates for p numeric columns, p·q running means and
/// q(q − 1)/2 counts for q categorical ones — paid only while a reference is gathered. A categorical
/// column takes at most <see cref="MaxCategories"/> categories; beyond that the sums cannot encode it and
/// <see cref="OverflowColumn"/> names it.</para>
/// </remarks>
internal sealed partial class EncodedCoMoments
{
    /// <summary>The most categories a categorical column may have in a streaming fit.</summary>
    public const int MaxCategories = 64;

    private const int Slots = MaxCategories + 1;
    private const int MissingSlot = MaxCategories;

    private readonly int _numeric;
    private readonly int _categorical;
    private readonly long[] _pairCount;
    private readonly double[] _pairMeanA;
    private readonly double[] _pairMeanB;
    private readonly double[] _pairCo;
    private readonly List<string>[] _names;
    private readonly Dictionary<string, int>[] _index;
    private readonly long[] _categoryCount;
    private readonly long[] _crossCount;
    private readonly double[] _crossMean;
    private readonly Dictionary<long, long> _joint = [];

    public EncodedCoMoments(int numeric, int categorical)
    {
        _numeric = numeric;
        _categorical = categorical;
        int pairs = numeric * (numeric + 1) / 2;
        _pairCount = new long[pairs];
        _pairMeanA = new double[pairs];
        _pairMeanB = new double[pairs];
        _pairCo = new double[pairs];
        _names = [.. Enumerable.Range(0, categorical).Select(_ => new List<string>())];
        _index = [.. Enumerable.Range(0, categorical).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
        _categoryCount = new long[categorical * Slots];
        _crossCount = new long[numeric * categorical * Slots];
        _crossMean = new double[numeric * categorical * Slots];
    }

    public int NumericCount => _numeric;

    public int CategoricalCount => _categorical;

    /// <summary>Rows added.</summary>
    public long Rows { get; private set; }

    /// <summary>Rows left out because a numeric value was infinite (the batch fit refuses them).</summary>
    public long Skipped { get; private set; }

    /// <summary>The first categorical column that had more than <see cref="MaxCategories"/> categories, or -1.</summary>
    public int OverflowColumn { get; private set; } = -1;

    /// <summary>Adds one row; NaN and null are missing.</summary>
    public void Add(ReadOnlySpan<double> numeric, ReadOnlySpan<string?> categorical)
    {
        foreach (double x in numeric)
        {
            if (double.IsInfinity(x))
            {
                Skipped++;
                return;
            }
        }

        Span<int> slots = _categorical <= 64 ? stackalloc int[_categorical] : new int[_categorical];
        for (int j = 0; j < _categorical; j++)
        {
            slots[j] = SlotOf(j, categorical[j]);
            if (slots[j] < 0)
            {
                return; // one category too many: the column cannot be encoded, and Fit says so
            }
        }

        Rows++;
        int pair = 0;
        for (int a = 0; a < _numeric; a++)
        {
            double xa = numeric[a];
            if (double.IsNaN(xa))
            {
                pair += _numeric - a;
                continue;
            }

            for (int b = a; b < _numeric; b++, pair++)
            {
                double xb = numeric[b];
                if (!double.IsNaN(xb))
                {
                    long n = ++_pairCount[pair];
                    double da = xa - _pairMeanA[pair];
                    _pairMeanA[pair] += da / n;
                    _pairMeanB[pair] += (xb - _pairMeanB[pair]) / n;
                    _pairCo[pair] += da * (xb - _pairMeanB[pair]);
                }
            }

            for (int j = 0; j < _categorical; j++)
            {
                int k = Cross(a, j, slots[j]);
                long n = ++_crossCount[k];
                _crossMean[k] += (xa - _crossMean[k]) / n;
            }
        }

        for (int i = 0; i < _categorical; i++)
        {
            _categoryCount[(i * Slots) + slots[i]]++;
            for (int j = i + 1; j < _categorical; j++)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_joint, JointKey(i, j, slots[i], slots[j]), out _)++;
            }
        }
    }

    public bool IsEmpty => Rows == 0 && Skipped == 0 && OverflowColumn < 0;

    /// <summary>Empties the sums for reuse.</summary>
    public void Clear()
    {
        Rows = Skipped = 0;
        OverflowColumn = -1;
        Array.Clear(_pairCount);
        Array.Clear(_pairMeanA);
        Array.Clear(_pairMeanB);
        Array.Clear(_pairCo);
        Array.Clear(_categoryCount);
        Array.Clear(_crossCount);
        Array.Clear(_crossMean);
        _joint.Clear();
        for (int j = 0; j < _categorical; j++)
        {
            _names[j].Clear();
            _index[j].Clear();
        }
    }

    /// <summary>Adds another accumulator's sums (categories matched by name).</summary>
    public void Merge(EncodedCoMoments other)
    {
        if (other._numeric != _numeric || other._categorical != _categorical)
        {
            throw new InvalidOperationException("Co-moments of different widths cannot be merged.");
        }

        // The other's slots in this accumulator's numbering (new categories are added).
        var map = new int[_categorical][];
        for (int j = 0; j < _categorical; j++)
        {
            map[j] = [.. Enumerable.Repeat(-1, Slots)];
            map[j][MissingSlot] = MissingSlot;
            for (int s = 0; s < other._names[j].Count; s++)
            {
                map[j][s] = SlotOf(j, other._names[j][s]);
            }
        }

        Rows += other.Rows;
        Skipped += other.Skipped;
        if (OverflowColumn < 0 && other.OverflowColumn >= 0)
        {
            OverflowColumn = other.OverflowColumn;
        }

        for (int pair = 0; pair < _pairCount.Length; pair++)
        {
            MergeCoMoment(ref _pairCount[pair], ref _pairMeanA[pair], ref _pairMeanB[pair], ref _pairCo[pair],
                other._pairCount[pair], other._pairMeanA[pair], other._pairMeanB[pair], other._pairCo[pair]);
        }

        for (int a = 0; a < _numeric; a++)
        {
            for (int j = 0; j < _categorical; j++)
            {
                for (int s = 0; s < Slots; s++)
                {
                    int from = other.Cross(a, j, s);
                    if (other._crossCount[from] > 0 && map[j][s] >= 0)
                    {
                        int to = Cross(a, j, map[j][s]);
                        long n = _crossCount[to] + other._crossCount[from];
                        _crossMean[to] += (other._crossMean[from] - _crossMean[to]) * other._crossCount[from] / n;
                        _crossCount[to] = n;
                    }
                }
            }
        }

        for (int j = 0; j < _categorical; j++)
        {
            for (int s = 0; s < Slots; s++)
            {
                if (map[j][s] >= 0)
                {
                    _categoryCount[(j * Slots) + map[j][s]] += other._categoryCount[(j * Slots) + s];
                }
            }
        }

        foreach (var (key, count) in other._joint)
        {
            var (i, j, si, sj) = SplitJointKey(key);
            if (map[i][si] >= 0 && map[j][sj] >= 0)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_joint, JointKey(i, j, map[i][si], map[j][sj]), out _) += count;
            }
        }
    }

    private static void MergeCoMoment(ref long n, ref double meanA, ref double meanB, ref double co, long otherN, double otherMeanA, double otherMeanB, double otherCo)
    {
        if (otherN == 0)
        {
            return;
        }

        long total = n + otherN;
        double da = otherMeanA - meanA;
        double db = otherMeanB - meanB;
        co += otherCo + (da * db * n * otherN / total);
        meanA += da * otherN / total;
        meanB += db * otherN / total;
        n = total;
    }

    private int SlotOf(int column, string? value)
    {
        if (value is null)
        {
            return MissingSlot;
        }

        if (_index[column].TryGetValue(value, out int slot))
        {
            return slot;
        }

        if (_names[column].Count == MaxCategories)
        {
            if (OverflowColumn < 0)
            {
                OverflowColumn = column;
            }

            return -1;
        }

        slot = _names[column].Count;
        _names[column].Add(value);
        _index[column].Add(value, slot);
        return slot;
    }

    private int Pair(int a, int b) => (a * _numeric) - (a * (a - 1) / 2) + (b - a);

    private int Cross(int a, int j, int slot) => (((a * _categorical) + j) * Slots) + slot;

    private static long JointKey(int i, int j, int si, int sj) => ((((((long)i << 16) | (uint)j) << 16) | (uint)si) << 16) | (uint)sj;

    private static (int I, int J, int Si, int Sj) SplitJointKey(long key) =>
        ((int)(key >> 48), (int)((key >> 32) & 0xFFFF), (int)((key >> 16) & 0xFFFF), (int)(key & 0xFFFF));
}

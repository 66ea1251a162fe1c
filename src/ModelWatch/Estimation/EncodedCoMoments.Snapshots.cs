namespace ModelWatch.Estimation;

/// <summary>Co-moments as plain data for monitor snapshots, and back.</summary>
internal sealed partial class EncodedCoMoments
{
    /// <summary>The sums as plain data for a snapshot.</summary>
    public EncodedCoMomentsSnapshot ToSnapshot() => new()
    {
        Numeric = _numeric,
        Categorical = _categorical,
        Rows = Rows,
        Skipped = Skipped,
        OverflowColumn = OverflowColumn,
        PairCount = [.. _pairCount],
        PairMeanA = [.. _pairMeanA],
        PairMeanB = [.. _pairMeanB],
        PairCo = [.. _pairCo],
        Names = [.. _names.Select(n => n.ToArray())],
        CategoryCount = [.. _categoryCount],
        CrossCount = [.. _crossCount],
        CrossMean = [.. _crossMean],
        Joint = [.. _joint.OrderBy(kv => kv.Key).SelectMany(kv => new[] { kv.Key, kv.Value })],
    };

    /// <summary>Sums restored from a snapshot.</summary>
    /// <exception cref="ArgumentException">The snapshot's arrays do not have the shapes its widths imply.</exception>
    public static EncodedCoMoments FromSnapshot(EncodedCoMomentsSnapshot s)
    {
        var m = new EncodedCoMoments(s.Numeric, s.Categorical)
        {
            Rows = s.Rows,
            Skipped = s.Skipped,
            OverflowColumn = s.OverflowColumn,
        };
        Copy(s.PairCount, m._pairCount, "pair counts");
        Copy(s.PairMeanA, m._pairMeanA, "pair means");
        Copy(s.PairMeanB, m._pairMeanB, "pair means");
        Copy(s.PairCo, m._pairCo, "co-moments");
        Copy(s.CategoryCount, m._categoryCount, "category counts");
        Copy(s.CrossCount, m._crossCount, "cross counts");
        Copy(s.CrossMean, m._crossMean, "cross means");
        var names = s.Names ?? [];
        if (names.Length != s.Categorical || names.Any(n => n is null || n.Length > MaxCategories))
        {
            throw new ArgumentException("co-moment category names do not match the categorical width");
        }

        for (int j = 0; j < names.Length; j++)
        {
            foreach (string name in names[j])
            {
                m._index[j].Add(name, m._names[j].Count);
                m._names[j].Add(name);
            }
        }

        var joint = s.Joint ?? [];
        if (joint.Length % 2 != 0)
        {
            throw new ArgumentException("co-moment joint counts are not key/count pairs");
        }

        for (int k = 0; k < joint.Length; k += 2)
        {
            m._joint[joint[k]] = joint[k + 1];
        }

        return m;

        static void Copy<T>(T[]? from, T[] to, string what)
        {
            if (from is null || from.Length != to.Length)
            {
                throw new ArgumentException($"co-moment {what}: {from?.Length ?? 0} values, expected {to.Length}");
            }

            from.CopyTo(to, 0);
        }
    }
}

namespace ModelWatch.Statistics;

/// <summary>The sketch's compactor hierarchy: level capacities, compaction with the random parity, and growth by a level.</summary>
public sealed partial class QuantileSketch
{
    /// <summary>Capacity of a level at <paramref name="depth"/> below the top: K·(2/3)^depth, at least 8.</summary>
    private static int LevelCapacity(int k, int depth)
    {
        // Integer arithmetic (ceil(c·2/3) per step) keeps capacities identical on every machine.
        int cap = k;
        for (int d = 0; d < depth && cap > MinLevelCapacity; d++)
        {
            cap = (2 * cap + 2) / 3;
        }

        return Math.Max(cap, MinLevelCapacity);
    }

    private static int TotalCapacity(int k, int numLevels)
    {
        int total = 0;
        for (int d = 0; d < numLevels; d++)
        {
            total += LevelCapacity(k, d);
        }

        return total;
    }

    /// <summary>Moves the levels into a buffer of the working size (after a merge left it larger).</summary>
    private void Repack()
    {
        var levels = new double[_numLevels][];
        for (int h = 0; h < _numLevels; h++)
        {
            levels[h] = Level(h).ToArray();
        }

        _items = [];
        Load(levels);
    }

    /// <summary>Lays out the given levels packed at the end of a buffer sized for them.</summary>
    private void Load(double[][] levels)
    {
        _numLevels = levels.Length;
        _capacity = TotalCapacity(_k, _numLevels);
        UpdateLevelCapacities();
        int retained = 0;
        foreach (var level in levels)
        {
            retained += level.Length;
        }

        int length = Math.Max(retained, TotalCapacity(_k, _numLevels + LevelHeadroom));
        if (_items.Length != length)
        {
            _items = new double[length];
            _scratch = new double[length / 2 + 1];
        }

        int end = length;
        _levels[_numLevels] = end;
        for (int h = _numLevels - 1; h >= 0; h--)
        {
            end -= levels[h].Length;
            levels[h].CopyTo(_items, end);
            _levels[h] = end;
        }
    }

    /// <summary>Compacts the lowest level that has reached its capacity.</summary>
    private void CompressOnce()
    {
        int h = 0;
        while (h < _numLevels - 1 && _levels[h + 1] - _levels[h] < _levelCapacity[h])
        {
            h++;
        }

        if (h == _numLevels - 1)
        {
            AddLevel();
        }

        CompactLevel(h);
    }

    private void AddLevel()
    {
        if (_numLevels == MaxLevels)
        {
            throw new InvalidOperationException("The sketch cannot hold more than 2^60 values.");
        }

        int needed = TotalCapacity(_k, _numLevels + 1);
        if (_items.Length < needed)
        {
            // Grow with headroom for several more levels so that Add stays allocation-free.
            int length = TotalCapacity(_k, _numLevels + 1 + LevelHeadroom);
            var items = new double[length];
            int shift = length - _items.Length;
            Array.Copy(_items, _levels[0], items, _levels[0] + shift, _items.Length - _levels[0]);
            for (int h = 0; h <= _numLevels; h++)
            {
                _levels[h] += shift;
            }

            _items = items;
            _scratch = new double[length / 2 + 1];
        }

        _numLevels++;
        _levels[_numLevels] = _items.Length;
        _capacity = needed;
        UpdateLevelCapacities();
    }

    /// <summary>Caches each level's capacity; they change only when the number of levels does.</summary>
    private void UpdateLevelCapacities()
    {
        for (int h = 0; h < _numLevels; h++)
        {
            _levelCapacity[h] = LevelCapacity(_k, _numLevels - 1 - h);
        }
    }

    /// <summary>
    /// Halves level <paramref name="h"/> into level h + 1 in place: sort it (level 0 is unsorted),
    /// keep one item back if the count is odd, promote every other item (random offset) by a
    /// sorted merge, then move the lower levels up over the freed space.
    /// </summary>
    private void CompactLevel(int h)
    {
        int a0 = _levels[h], a1 = _levels[h + 1], a2 = _levels[h + 2];
        int size = a1 - a0;
        if (h == 0)
        {
            Array.Sort(_items, a0, size);
        }

        int odd = size & 1;
        int pairs = (size - odd) / 2;
        if (pairs == 0)
        {
            return;
        }

        int offset = NextBit();
        int start = a0 + odd + offset;
        for (int j = 0; j < pairs; j++)
        {
            _scratch[j] = _items[start + 2 * j];
        }

        // Merge the promoted items with level h + 1 into [a1 − pairs, a2), front to back: the write
        // position is (a1 − pairs) + (items taken so far) and never passes the next unread item of
        // level h + 1, which sits at a1 + (its items taken so far).
        int w = a1 - pairs, i = a1, s = 0;
        while (s < pairs)
        {
            if (i < a2 && _items[i] < _scratch[s])
            {
                _items[w++] = _items[i++];
            }
            else
            {
                _items[w++] = _scratch[s++];
            }
        }

        _levels[h + 1] = a1 - pairs;

        // Close the gap: the kept odd item and all lower levels move up by `pairs`.
        int lowStart = _levels[0];
        Array.Copy(_items, lowStart, _items, lowStart + pairs, a0 + odd - lowStart);
        for (int l = 0; l <= h; l++)
        {
            _levels[l] += pairs;
        }
    }

    private int NextBit()
    {
        // SplitMix64 (Steele, Lea and Flood 2014): cheap, seedable, the same on every machine.
        unchecked
        {
            _rng += 0x9E3779B97F4A7C15UL;
            ulong z = _rng;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)((z ^ (z >> 31)) >> 63);
        }
    }

    private static void MergeSorted(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> target)
    {
        int i = 0, j = 0, w = 0;
        while (i < a.Length && j < b.Length)
        {
            target[w++] = a[i] <= b[j] ? a[i++] : b[j++];
        }

        a[i..].CopyTo(target[w..]);
        b[j..].CopyTo(target[(w + a.Length - i)..]);
    }
}

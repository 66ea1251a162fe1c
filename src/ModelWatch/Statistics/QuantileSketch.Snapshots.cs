namespace ModelWatch.Statistics;

/// <summary>The sketch's snapshot round trip: its levels and generator state, checked when read back.</summary>
public sealed partial class QuantileSketch
{
    /// <summary>Returns the serializable state of this sketch.</summary>
    /// <returns>A snapshot that <see cref="FromSnapshot"/> turns back into an identical sketch.</returns>
    internal QuantileSketchSnapshot ToSnapshot()
    {
        var levels = new double[_numLevels][];
        for (int h = 0; h < _numLevels; h++)
        {
            levels[h] = Level(h).ToArray();
        }

        return new QuantileSketchSnapshot
        {
            K = _k,
            GeneratorState = _rng,
            Count = _count,
            MissingCount = _excluded.Missing,
            NonFiniteCount = _excluded.NonFinite,
            Min = _count == 0 ? 0 : _min,
            Max = _count == 0 ? 0 : _max,
            Levels = levels,
        };
    }

    /// <summary>Restores a sketch from a snapshot, checking that it is consistent.</summary>
    /// <param name="snapshot">A snapshot from <see cref="ToSnapshot"/>.</param>
    /// <returns>The sketch.</returns>
    /// <exception cref="ArgumentException">
    /// The snapshot is inconsistent: K out of range, too many levels, non-finite or unsorted items,
    /// weights that do not add up to the count of values, items outside [min, max].
    /// </exception>
    internal static QuantileSketch FromSnapshot(QuantileSketchSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        const string name = nameof(snapshot);
        if (snapshot.K is < MinK or > MaxK)
        {
            throw new ArgumentException($"K must be in [{MinK}, {MaxK}].", name);
        }

        var levels = snapshot.Levels ?? throw new ArgumentException("Levels are missing.", name);
        if (levels.Length is 0 or > MaxLevels)
        {
            throw new ArgumentException($"A sketch has 1 to {MaxLevels} levels.", name);
        }

        if (snapshot.Count < 0 || snapshot.MissingCount < 0 || snapshot.NonFiniteCount < 0)
        {
            throw new ArgumentException("Counts must not be negative.", name);
        }

        long weight = 0;
        int retained = 0;
        for (int h = 0; h < levels.Length; h++)
        {
            var level = levels[h] ?? throw new ArgumentException($"Level {h} is missing.", name);
            for (int i = 0; i < level.Length; i++)
            {
                double v = level[i];
                if (!double.IsFinite(v) || v < snapshot.Min || v > snapshot.Max)
                {
                    throw new ArgumentException($"Level {h} holds a value outside [Min, Max] or not finite.", name);
                }

                if (h > 0 && i > 0 && level[i - 1] > v)
                {
                    throw new ArgumentException($"Level {h} is not sorted.", name);
                }
            }

            retained += level.Length;
            weight = checked(weight + ((long)level.Length << h));
        }

        if (weight != snapshot.Count)
        {
            throw new ArgumentException($"The level weights add up to {weight}, not to Count = {snapshot.Count}.", name);
        }

        if (snapshot.Count > 0 && !(double.IsFinite(snapshot.Min) && double.IsFinite(snapshot.Max) && snapshot.Min <= snapshot.Max))
        {
            throw new ArgumentException("Min and Max must be finite and ordered.", name);
        }

        var sketch = new QuantileSketch(snapshot.K, snapshot.GeneratorState)
        {
            _count = snapshot.Count,
            _excluded = new ExcludedValues { Missing = snapshot.MissingCount, NonFinite = snapshot.NonFiniteCount },
        };
        if (snapshot.Count > 0)
        {
            sketch._min = snapshot.Min;
            sketch._max = snapshot.Max;
        }

        if (retained > TotalCapacity(snapshot.K, levels.Length) + MinLevelCapacity)
        {
            throw new ArgumentException("The levels hold more items than the sketch's capacity.", name);
        }

        sketch.Load(levels);
        return sketch;
    }
}

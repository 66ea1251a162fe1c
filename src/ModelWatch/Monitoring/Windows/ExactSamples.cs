using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// Up to <see cref="Capacity"/> raw finite values per numeric column of one window, so that a window
/// that fits can be tested exactly (KS and Wasserstein on the raw samples) instead of from bin counts.
/// A column that receives more values than the capacity stops keeping them and is marked overflowed.
/// </summary>
/// <remarks>
/// One flat array of <c>columns × capacity</c> doubles, allocated with the accumulator and reused
/// after a reset, so adding a value allocates nothing. Not thread-safe: the shard's lock guards it
/// like the rest of the accumulator.
/// </remarks>
internal sealed class ExactSamples
{
    private readonly double[] _values;

    /// <summary>Values seen per column, capped at capacity + 1 (which means "overflowed").</summary>
    private readonly int[] _counts;

    public ExactSamples(int columns, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _values = new double[checked(columns * capacity)];
        _counts = new int[columns];
    }

    /// <summary>Gets the most values kept per column.</summary>
    public int Capacity { get; }

    /// <summary>Gets the bytes the kept values take: columns × capacity × 8.</summary>
    public long Bytes => (long)_values.Length * sizeof(double);

    /// <summary>Adds a finite value of column <paramref name="c"/>, or marks the column overflowed when it is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int c, double x)
    {
        int k = _counts[c];
        if (k < Capacity)
        {
            _values[(c * Capacity) + k] = x;
            _counts[c] = k + 1;
        }
        else
        {
            _counts[c] = Capacity + 1;
        }
    }

    /// <summary>Whether column <paramref name="c"/> still holds every finite value it was given.</summary>
    public bool IsComplete(int c) => _counts[c] <= Capacity;

    /// <summary>The values of column <paramref name="c"/> in arrival order; only meaningful while <see cref="IsComplete"/>.</summary>
    public ReadOnlySpan<double> Values(int c) => _values.AsSpan(c * Capacity, Math.Min(_counts[c], Capacity));

    /// <summary>Replaces column <paramref name="c"/>'s values (a window restored or built from elsewhere); overflowed when they do not fit.</summary>
    public void Set(int c, ReadOnlySpan<double> values)
    {
        if (values.Length > Capacity)
        {
            _counts[c] = Capacity + 1;
            return;
        }

        values.CopyTo(_values.AsSpan(c * Capacity));
        _counts[c] = values.Length;
    }

    /// <summary>Marks column <paramref name="c"/> overflowed: its values are not all known (e.g. after a restore that did not carry them).</summary>
    public void MarkIncomplete(int c) => _counts[c] = Capacity + 1;

    /// <summary>Adds another window's values; a column overflows when the two do not fit together.</summary>
    public void Merge(ExactSamples other)
    {
        for (int c = 0; c < _counts.Length; c++)
        {
            int mine = _counts[c], theirs = other._counts[c];
            if (mine > Capacity || theirs > Capacity || mine + theirs > Capacity)
            {
                _counts[c] = theirs == 0 ? mine : Capacity + 1;
                continue;
            }

            other.Values(c).CopyTo(_values.AsSpan((c * Capacity) + mine));
            _counts[c] = mine + theirs;
        }
    }

    /// <summary>Empties every column for reuse.</summary>
    public void Clear() => Array.Clear(_counts);
}

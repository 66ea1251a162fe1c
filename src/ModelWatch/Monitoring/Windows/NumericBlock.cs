namespace ModelWatch.Monitoring;

/// <summary>
/// The numeric cells' moments laid out by field rather than by column (counts, centers, both power
/// sums, minima and maxima, each in an array with one lane per column, padded to whole vectors), so
/// that the logging path updates four columns with each vector instruction. Folded into the
/// accumulator's <see cref="NumericCell"/>s whenever those are read, so everything downstream sees cells.
/// </summary>
/// <remarks>
/// A block's center per column is the first finite value it received, as a cell's is; folding merges
/// the block's sums into the cell with the same exact shift a merge of two cells uses. Missing,
/// non-finite and out-of-range counts are rare and go straight to the cells. Not thread-safe: the
/// shard's lock guards it with its accumulator.
/// </remarks>
internal sealed class NumericBlock
{
    public const int Lanes = 4;

    public NumericBlock(int columns)
    {
        Columns = columns;
        int padded = Math.Max(Lanes, (columns + Lanes - 1) / Lanes * Lanes);
        Count = new long[padded];
        Center = new double[padded];
        Sum1 = new double[padded];
        Sum2 = new double[padded];
        Min = new double[padded];
        Max = new double[padded];
        Values = new double[padded];
        Cells = new int[padded];
        Clear();
    }

    /// <summary>The real columns (the arrays hold padding lanes after them, never folded).</summary>
    public int Columns { get; }

    /// <summary>Whether every column's center is set (each has had a finite value since the last fold).</summary>
    public bool Centered;

    /// <summary>Whether anything was added since the last fold.</summary>
    public bool HasRows;

    public readonly long[] Count;
    public readonly double[] Center;
    public readonly double[] Sum1;
    public readonly double[] Sum2;
    public readonly double[] Min;
    public readonly double[] Max;

    /// <summary>Scratch for a row's last, partial vector of values (padding lanes stay 0, a finite value nobody reads).</summary>
    public readonly double[] Values;

    /// <summary>Scratch for one row: each value's grid cell.</summary>
    public readonly int[] Cells;

    /// <summary>Sets the center of every column that has none yet to this row's value, when finite.</summary>
    /// <param name="features">The row's features.</param>
    /// <param name="prediction">The prediction: the last column when there is one more column than features.</param>
    public void CenterOn(ReadOnlySpan<double> features, double prediction)
    {
        bool all = true;
        for (int c = 0; c < Columns; c++)
        {
            if (Count[c] == 0)
            {
                double x = c < features.Length ? features[c] : prediction;
                if (double.IsFinite(x))
                {
                    Center[c] = x;
                }
                else
                {
                    all = false;
                }
            }
        }

        Centered = all;
    }

    /// <summary>Merges the block into <paramref name="cells"/> and empties it.</summary>
    public void FoldInto(NumericCell[] cells)
    {
        for (int c = 0; c < Columns; c++)
        {
            if (Count[c] > 0)
            {
                cells[c].Merge(new NumericCell { Count = Count[c], Center = Center[c], Sum1 = Sum1[c], Sum2 = Sum2[c], Min = Min[c], Max = Max[c] });
            }
        }

        Clear();
    }

    public void Clear()
    {
        Array.Clear(Count);
        Array.Clear(Sum1);
        Array.Clear(Sum2);
        Array.Fill(Min, double.PositiveInfinity);
        Array.Fill(Max, double.NegativeInfinity);
        Centered = false;
        HasRows = false;
    }
}

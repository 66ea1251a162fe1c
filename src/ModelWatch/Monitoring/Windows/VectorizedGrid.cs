namespace ModelWatch.Monitoring;

/// <summary>
/// A reference's bin-lookup grids laid end to end for the vectorized logging path: per column the
/// grid's start, scale and last cell and the reference's range (padded to whole vectors), where its cells begin, one array of
/// cell starts that are already positions in a window's bin counts, one array of edges in the same
/// positions (each column's edges, then +∞ in its last bin's place).
/// </summary>
/// <remarks>
/// Immutable and built once per <see cref="ReferenceProfile"/> (<see cref="ReferenceProfile.VectorizedGrid"/>):
/// models that share a reference share its grid, so per-entity fleets do not pay about 3 KB per
/// numeric column per model for it.
/// </remarks>
internal sealed class VectorizedGrid
{
    public VectorizedGrid(BinnedColumn[] columns)
    {
        Columns = columns;
        int padded = Math.Max(NumericBlock.Lanes, (columns.Length + NumericBlock.Lanes - 1) / NumericBlock.Lanes * NumericBlock.Lanes);
        Low = new double[padded];
        Scale = new double[padded];
        LastCell = new double[padded];
        FirstCell = new int[padded];
        Min = new double[padded];
        Max = new double[padded];
        Min.AsSpan(columns.Length).Fill(double.NegativeInfinity); // padding lanes are never out of range
        Max.AsSpan(columns.Length).Fill(double.PositiveInfinity);
        int cells = 0, bins = 0;
        foreach (var column in columns)
        {
            cells += column.Lookup.CellCount + 1;
            bins += column.Lookup.EdgeCount + 1;
        }

        Starts = new int[cells];
        Edges = new double[bins];
        int cell = 0;
        for (int c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            var lookup = column.Lookup;
            Low[c] = lookup.Low;
            Scale[c] = lookup.Scale;
            LastCell[c] = lookup.LastCell;
            FirstCell[c] = cell;
            Min[c] = column.Min;
            Max[c] = column.Max;
            foreach (int start in lookup.CellStarts)
            {
                Starts[cell++] = column.BinOffset + start;
            }

            lookup.Edges.CopyTo(Edges.AsSpan(column.BinOffset));
            Edges[column.BinOffset + lookup.EdgeCount] = double.PositiveInfinity;
        }
    }

    public BinnedColumn[] Columns { get; }

    public double[] Low { get; }

    public double[] Scale { get; }

    public double[] LastCell { get; }

    public int[] FirstCell { get; }

    /// <summary>The reference's smallest value per column: a finite value below it is out of range.</summary>
    public double[] Min { get; }

    /// <summary>The reference's largest value per column: a finite value above it is out of range.</summary>
    public double[] Max { get; }

    public int[] Starts { get; }

    public double[] Edges { get; }
}

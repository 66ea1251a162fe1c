using System.Runtime.CompilerServices;
using ModelWatch.Internal;

namespace ModelWatch.Monitoring;

/// <summary>
/// A reference's bin-lookup grids laid end to end for the vectorized logging path: per column the
/// grid's start, scale and last cell, the reference's range and where its cells begin, in groups of
/// four columns; per cell (all columns' cells in one array) its first bin, already a position in
/// a window's bin counts, and the one edge inside it.
/// </summary>
/// <remarks>
/// <para>
/// A cell's edge is what the value is compared with: +∞ when no edge falls in the cell (every value
/// there is in the cell's first bin), the edge when exactly one does (a value above it is in the
/// next bin), and NaN when more than one does — a crowded cell, settled by a search of the column's
/// edges from the cell's first bin on. Both per-cell entries depend only on the cell, so the logging
/// path reads them side by side instead of reading the edge through the cell's first bin.
/// </para>
/// <para>
/// Immutable and built once per <see cref="ReferenceProfile"/> (<see cref="ReferenceProfile.VectorizedGrid"/>):
/// models that share a reference share its grid, so per-entity fleets do not pay its 12 bytes per
/// cell (about 6 KB per numeric column with 100 bins) per model. A reference logged through this
/// grid never builds its columns' own <see cref="GridBinLookup"/>s (about 3 KB per column), which
/// only the one-column-at-a-time path reads.
/// </para>
/// </remarks>
internal sealed class VectorizedGrid
{
    /// <summary>Where each field's four lanes start within a group of four columns (the cells' first index as four 32-bit integers in two slots).</summary>
    public const int LowField = 0, ScaleField = 4, LastCellField = 8, MinField = 12, MaxField = 16, FirstCellField = 20;

    public VectorizedGrid(BinnedColumn[] columns)
    {
        Columns = columns;
        int padded = NumericBlock.Padded(columns.Length);
        Lanes = new AlignedDoubles(padded / NumericBlock.Lanes * NumericBlock.GroupStride);
        var lanes = Lanes.Span;
        for (int c = columns.Length; c < padded; c++)
        {
            // Padding lanes are never out of range (their scale 0 puts them in cell 0).
            lanes[NumericBlock.IndexOf(MinField, c)] = double.NegativeInfinity;
            lanes[NumericBlock.IndexOf(MaxField, c)] = double.PositiveInfinity;
        }

        // Each column's cells as its own lookup would lay them out (built here, read, and dropped:
        // the reference keeps only this grid for the vectorized path).
        var lookups = new GridBinLookup[columns.Length];
        int cells = 0;
        for (int c = 0; c < columns.Length; c++)
        {
            lookups[c] = new GridBinLookup(columns[c].Edges);
            cells += lookups[c].CellCount;
        }

        // Padding lanes compute cell 0 of the first column: one entry at least, read and never counted.
        Starts = new int[Math.Max(1, cells)];
        CellEdges = new double[Math.Max(1, cells)];
        int cell = 0;
        for (int c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            var lookup = lookups[c];
            lanes[NumericBlock.IndexOf(LowField, c)] = lookup.Low;
            lanes[NumericBlock.IndexOf(ScaleField, c)] = lookup.Scale;
            lanes[NumericBlock.IndexOf(LastCellField, c)] = lookup.LastCell;
            lanes[NumericBlock.IndexOf(MinField, c)] = column.Min;
            lanes[NumericBlock.IndexOf(MaxField, c)] = column.Max;
            FirstCell(c) = cell;
            var starts = lookup.CellStarts;
            var edges = lookup.Edges;
            for (int k = 0; k < lookup.CellCount; k++, cell++)
            {
                int inCell = starts[k + 1] - starts[k];
                Starts[cell] = column.BinOffset + starts[k];
                CellEdges[cell] = inCell switch
                {
                    0 => double.PositiveInfinity,
                    1 => edges[starts[k]],
                    _ => double.NaN,
                };
            }
        }
    }

    public BinnedColumn[] Columns { get; }

    /// <summary>
    /// Per column, in groups of four laid out as <see cref="NumericBlock"/>'s moments: the grid's
    /// start, scale and last cell (a value's cell is ⌊(x − low)·scale⌋ clamped to [0, last]), the
    /// reference's smallest and largest value (a finite value outside them is out of range), and
    /// where the column's cells begin in <see cref="Starts"/> and <see cref="CellEdges"/>.
    /// </summary>
    public AlignedDoubles Lanes { get; }

    /// <summary>Per cell, its first bin as a position in a window's bin counts (the column's bin offset added in).</summary>
    public int[] Starts { get; }

    /// <summary>Per cell, the edge a value in it is compared with: +∞ (none in the cell), the one edge, or NaN (crowded).</summary>
    public double[] CellEdges { get; }

    /// <summary>Where column <paramref name="c"/>'s cells begin.</summary>
    public ref int FirstCell(int c) =>
        ref Unsafe.Add(ref Unsafe.As<double, int>(ref Lanes.Span[NumericBlock.GroupStart(c) + FirstCellField]), c % NumericBlock.Lanes);
}

using System.Runtime.CompilerServices;
using ModelWatch.Internal;

namespace ModelWatch.Monitoring;

/// <summary>
/// The numeric cells' moments laid out for the vectorized logging path: columns in groups of four,
/// each group one contiguous run of six four-lane fields (count, center, both power sums, minimum,
/// maximum), so that one row updates a group's moments from one base address with one vector
/// instruction per field. Folded into the accumulator's <see cref="NumericCell"/>s whenever those
/// are read, so everything downstream sees cells.
/// </summary>
/// <remarks>
/// <para>
/// One array instead of one per field: the row's loop then holds one reference for all moments
/// (six references plus the grid's spilled to the stack and reloaded every iteration).
/// The count lanes hold 64-bit integers in the array's 8-byte slots.
/// </para>
/// <para>
/// A block's center per column is the first finite value it received, as a cell's is; folding merges
/// the block's sums into the cell with the same exact shift a merge of two cells uses. Missing,
/// non-finite and out-of-range counts are rare and go straight to the cells. Not thread-safe: the
/// shard's lock guards it with its accumulator.
/// </para>
/// </remarks>
internal sealed class NumericBlock
{
    public const int Lanes = 4;

    /// <summary>Where each field's four lanes start within a group.</summary>
    public const int CountField = 0, CenterField = 4, Sum1Field = 8, Sum2Field = 12, MinField = 16, MaxField = 20;

    /// <summary>The doubles one group of four columns takes.</summary>
    public const int GroupStride = 24;

    /// <summary>
    /// A cache line of ints after the row's bins, never written. The block is the last thing an
    /// accumulator allocates, so what the heap holds next — after a harvest that rents every shard its
    /// next accumulator on one thread, the next shard's accumulator, whose fields that shard's calls
    /// read — would otherwise share a line with bins this shard's calls write on every row.
    /// </summary>
    private const int TrailingLine = CacheLine.Bytes / sizeof(int);

    public NumericBlock(int columns)
    {
        Columns = columns;
        int padded = Padded(columns);
        Moments = new AlignedDoubles(padded / Lanes * GroupStride);
        RowBins = new int[padded + TrailingLine];
        Clear();
    }

    /// <summary>The real columns (groups hold padding lanes after them, never folded).</summary>
    public int Columns { get; }

    /// <summary>Whether every column's center is set (each has had a finite value since the last fold).</summary>
    public bool Centered;

    /// <summary>Whether anything was added since the last fold.</summary>
    public bool HasRows;

    /// <summary>
    /// The moments, group after group (see <see cref="GroupStride"/> and the field offsets), each
    /// group starting a cache line: a group is three lines (24 doubles), so none of its vectors
    /// straddles two.
    /// </summary>
    public readonly AlignedDoubles Moments;

    /// <summary>Scratch for one row: each value's bin, as a position in the window's bin counts.</summary>
    public readonly int[] RowBins;

    /// <summary>The lanes needed for <paramref name="columns"/>: whole vectors, at least one.</summary>
    public static int Padded(int columns) => Math.Max(Lanes, (columns + Lanes - 1) / Lanes * Lanes);

    /// <summary>Where the group of column <paramref name="c"/> starts in a grouped array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GroupStart(int c) => c / Lanes * GroupStride;

    /// <summary>Where column <paramref name="c"/>'s lane of the field at <paramref name="field"/> is in a grouped array.</summary>
    public static int IndexOf(int field, int c) => GroupStart(c) + field + (c % Lanes);

    public ref long Count(int c) => ref Unsafe.As<double, long>(ref Moments.Span[IndexOf(CountField, c)]);

    public ref double Center(int c) => ref Moments.Span[IndexOf(CenterField, c)];

    /// <summary>Sets the center of every column that has none yet to this row's value, when finite.</summary>
    /// <param name="features">The row's features.</param>
    /// <param name="prediction">The prediction: the last column when there is one more column than features.</param>
    public void CenterOn(ReadOnlySpan<double> features, double prediction)
    {
        bool all = true;
        for (int c = 0; c < Columns; c++)
        {
            if (Count(c) == 0)
            {
                double x = c < features.Length ? features[c] : prediction;
                if (double.IsFinite(x))
                {
                    Center(c) = x;
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
        var moments = Moments.Span;
        for (int c = 0; c < Columns; c++)
        {
            long count = Count(c);
            if (count > 0)
            {
                cells[c].Merge(new NumericCell
                {
                    Count = count,
                    Center = Center(c),
                    Sum1 = moments[IndexOf(Sum1Field, c)],
                    Sum2 = moments[IndexOf(Sum2Field, c)],
                    Min = moments[IndexOf(MinField, c)],
                    Max = moments[IndexOf(MaxField, c)],
                });
            }
        }

        Clear();
    }

    public void Clear()
    {
        // Counts (as 64-bit zeros), sums and centers 0; minima +∞, maxima −∞.
        var moments = Moments.Span;
        for (int g = 0; g < moments.Length; g += GroupStride)
        {
            moments.Slice(g, MinField).Clear();
            moments.Slice(g + MinField, Lanes).Fill(double.PositiveInfinity);
            moments.Slice(g + MaxField, Lanes).Fill(double.NegativeInfinity);
        }

        Centered = false;
        HasRows = false;
    }
}

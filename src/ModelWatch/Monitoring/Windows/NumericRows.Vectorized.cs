using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ModelWatch.Internal;

namespace ModelWatch.Monitoring;

internal abstract partial class NumericRows
{
    /// <summary>
    /// With a reference, four columns per vector instruction (x86 with AVX): the moments go into the
    /// accumulator's <see cref="NumericBlock"/> lanes, and each value's bin is found for four columns
    /// at once — its grid cell computed, the cell's first bin and edge read side by side, the edge
    /// compared; then one increment per value. Every count, sum, bin and extreme is the one
    /// <see cref="Binned"/> computes (a block folds into the cells exactly as two cells merge).
    /// </summary>
    /// <remarks>
    /// <para>
    /// The columns' grids are laid end to end, once per reference (<see cref="VectorizedGrid"/>): per
    /// cell its first bin, already a position in the window's bin counts, and the one edge inside it.
    /// A value's cell, offset by its column's first cell, indexes both, so the two reads depend on the
    /// cell only and overlap; the bin found is the count to increment, and no per-column lookup
    /// object is read on the way.
    /// </para>
    /// <para>
    /// Non-finite values take no part in the moments or the bins (their lanes are masked) and are
    /// counted in the cells on a rare branch; out-of-range (a finite value outside the reference's
    /// minimum and maximum) is compared four columns at a time beside the moments and counted on a
    /// rare branch; a crowded cell (more than one edge, its edge NaN) is settled by a search of the
    /// column's edges from the cell's first bin on.
    /// </para>
    /// </remarks>
    private sealed class BinnedVectorized : NumericRows
    {
        private readonly BinnedColumn[] _columns;
        private readonly ulong _allColumns; // one bit per column: a row whose finite mask is this has no missing or non-finite value
        private readonly AlignedDoubles _lanes;
        private readonly int[] _starts;
        private readonly double[] _cellEdges;

        /// <param name="grid">The reference's grids laid end to end (shared by every layout over that reference).</param>
        public BinnedVectorized(VectorizedGrid grid)
        {
            _columns = grid.Columns;
            _allColumns = _columns.Length == 64 ? ulong.MaxValue : (1UL << _columns.Length) - 1;
            _lanes = grid.Lanes;
            _starts = grid.Starts;
            _cellEdges = grid.CellEdges;
        }

        /// <summary>Whether this machine and a layout of <paramref name="columns"/> numeric columns can use it (a row's finite lanes are one 64-bit mask).</summary>
        public static bool Supports(int columns) => Avx.IsSupported && columns <= 64;

        public override void Prepare(WindowAccumulator window) => window.Block ??= new NumericBlock(_columns.Length);

        [MethodImpl(MethodImplOptions.NoInlining)]
        public override void Add(WindowAccumulator window, ReadOnlySpan<double> values, double prediction)
        {
            var block = window.Block ??= new NumericBlock(_columns.Length);
            int columns = block.Columns;

            // The row is read where it is: whole vectors from the caller's span, and only the last,
            // partial vector (the remaining features, then the prediction when it is a column)
            // assembled in a register — copying the row costs more than the moments, and a vector
            // read of scalars just written to memory waits for them to leave the store buffer.
            int features = Math.Min(values.Length, columns);
            int whole = features & ~(NumericBlock.Lanes - 1);
            var tail = TailOf(values, whole, features, columns > features ? prediction : 0);
            if (!block.Centered)
            {
                block.CenterOn(values, prediction);
            }

            block.HasRows = true;
            ulong finite = AddRow(block, values, whole, tail, out ulong outOfRange, out ulong crowded);
            ulong all = _allColumns;
            if ((finite & all) != all)
            {
                CountNonFinite(window.NumericUnfolded, values, prediction, columns, finite);
            }

            if (outOfRange != 0)
            {
                CountOutOfRange(window.NumericUnfolded, outOfRange);
            }

            ulong counted = finite & all;
            if ((crowded & counted) != 0)
            {
                BinCrowded(block.RowBins, values, prediction, crowded & counted);
            }

            // One increment per finite value: the columns' bins are disjoint, so no two collide.
            ref int rowBins = ref MemoryMarshal.GetArrayDataReference(block.RowBins);
            ref long bins = ref MemoryMarshal.GetArrayDataReference(window.Bins);
            for (; counted != 0; counted &= counted - 1)
            {
                Unsafe.Add(ref bins, Unsafe.Add(ref rowBins, BitOperations.TrailingZeroCount(counted)))++;
            }
        }

        /// <summary>
        /// Adds the row to the block's moments and puts each value's bin in the block's scratch;
        /// returns the finite columns as a bit mask, the columns whose finite value lies outside the
        /// reference's range in <paramref name="outOfRange"/>, and the columns whose value fell in a
        /// crowded cell (its bin not yet known) in <paramref name="crowded"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong AddRow(NumericBlock block, ReadOnlySpan<double> values, int whole, Vector256<double> tail, out ulong outOfRange, out ulong crowded)
        {
            ref double v0 = ref MemoryMarshal.GetReference(values);
            ref double moments = ref block.Moments.First;
            ref double grid = ref _lanes.First;
            ref int rowBins0 = ref MemoryMarshal.GetArrayDataReference(block.RowBins);
            ref int starts = ref MemoryMarshal.GetArrayDataReference(_starts);
            ref double cellEdges = ref MemoryMarshal.GetArrayDataReference(_cellEdges);
            ulong finiteColumns = 0;
            ulong ordinaryCells = 0;
            outOfRange = 0;
            for (int c = 0; c < block.Columns; c += NumericBlock.Lanes)
            {
                nuint i = (nuint)c;
                var x = c < whole ? Vector256.LoadUnsafe(ref v0, i) : tail;

                // This group's moments and grid: one base each, the fields at fixed offsets.
                nuint g = (nuint)NumericBlock.GroupStart(c);
                ref double m = ref Unsafe.Add(ref moments, g);
                ref double r = ref Unsafe.Add(ref grid, g);

                // x − x is 0 for finite x and NaN for NaN and ±∞.
                var finite = Vector256.Equals(x - x, Vector256<double>.Zero);
                finiteColumns |= (ulong)finite.ExtractMostSignificantBits() << c;
                var d = Vector256.ConditionalSelect(finite, x - Vector256.LoadUnsafe(ref m, NumericBlock.CenterField), Vector256<double>.Zero);
                (Vector256.LoadUnsafe(ref m, NumericBlock.CountField).AsInt64() - finite.AsInt64()).AsDouble().StoreUnsafe(ref m, NumericBlock.CountField);
                (Vector256.LoadUnsafe(ref m, NumericBlock.Sum1Field) + d).StoreUnsafe(ref m, NumericBlock.Sum1Field);
                (Vector256.LoadUnsafe(ref m, NumericBlock.Sum2Field) + (d * d)).StoreUnsafe(ref m, NumericBlock.Sum2Field);
                Vector256.MinNative(Vector256.LoadUnsafe(ref m, NumericBlock.MinField), Vector256.ConditionalSelect(finite, x, Vector256.Create(double.PositiveInfinity))).StoreUnsafe(ref m, NumericBlock.MinField);
                Vector256.MaxNative(Vector256.LoadUnsafe(ref m, NumericBlock.MaxField), Vector256.ConditionalSelect(finite, x, Vector256.Create(double.NegativeInfinity))).StoreUnsafe(ref m, NumericBlock.MaxField);

                // A NaN lane compares false; an infinite one is masked out (it is counted as non-finite).
                var outside = Vector256.LessThan(x, Vector256.LoadUnsafe(ref r, VectorizedGrid.MinField))
                    | Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref r, VectorizedGrid.MaxField));
                outOfRange |= (ulong)(outside & finite).ExtractMostSignificantBits() << c;

                // The grid cell exactly as GridBinLookup computes it (a non-finite lane takes the
                // grid's low end: its bin is found and never counted).
                var low = Vector256.LoadUnsafe(ref r, VectorizedGrid.LowField);
                var value = Vector256.ConditionalSelect(finite, x, low);
                var t = (value - low) * Vector256.LoadUnsafe(ref r, VectorizedGrid.ScaleField);
                t = Vector256.MinNative(Vector256.MaxNative(t, Vector256<double>.Zero), Vector256.LoadUnsafe(ref r, VectorizedGrid.LastCellField));
                var cell = Avx.ConvertToVector128Int32WithTruncation(t)
                    + Vector128.LoadUnsafe(ref Unsafe.As<double, int>(ref Unsafe.Add(ref r, VectorizedGrid.FirstCellField)));

                // Each cell's first bin and edge, read side by side (four scalar loads each measured
                // faster than a hardware gather here); a value above its cell's edge is in the next
                // bin, and a NaN edge (a crowded cell) never compares true.
                int k0 = cell.GetElement(0), k1 = cell.GetElement(1), k2 = cell.GetElement(2), k3 = cell.GetElement(3);
                var edge = Vector256.Create(Unsafe.Add(ref cellEdges, k0), Unsafe.Add(ref cellEdges, k1), Unsafe.Add(ref cellEdges, k2), Unsafe.Add(ref cellEdges, k3));
                var first = Vector128.Create(Unsafe.Add(ref starts, k0), Unsafe.Add(ref starts, k1), Unsafe.Add(ref starts, k2), Unsafe.Add(ref starts, k3));
                ordinaryCells |= (ulong)Vector256.Equals(edge, edge).ExtractMostSignificantBits() << c;
                var above = Avx.ConvertToVector128Int32WithTruncation(Vector256.LessThan(edge, value) & Vector256<double>.One);
                (first + above).StoreUnsafe(ref rowBins0, i);
            }

            crowded = ~ordinaryCells;
            return finiteColumns;
        }

        /// <summary>
        /// The row's last, partial vector: the features from <paramref name="whole"/> on, then
        /// <paramref name="last"/> (the prediction when it is a column; padding lanes hold 0, a finite
        /// value nobody reads).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> TailOf(ReadOnlySpan<double> values, int whole, int features, double last)
        {
            ref double v = ref Unsafe.Add(ref MemoryMarshal.GetReference(values), whole);
            return (features - whole) switch
            {
                0 => Vector256.Create(last, 0, 0, 0),
                1 => Vector256.Create(v, last, 0, 0),
                2 => Vector256.Create(v, Unsafe.Add(ref v, 1), last, 0),
                _ => Vector256.Create(v, Unsafe.Add(ref v, 1), Unsafe.Add(ref v, 2), last),
            };
        }

        /// <summary>
        /// The bins of the values that fell in crowded cells. A cell's first bin already counts every
        /// edge in the cells below it, each below the value; the edges of later cells are above it
        /// (a value's cell never decreases as the value grows), so a search of the edges from the
        /// cell's first on finds the rest.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void BinCrowded(int[] rowBins, ReadOnlySpan<double> values, double prediction, ulong columns)
        {
            for (; columns != 0; columns &= columns - 1)
            {
                int c = BitOperations.TrailingZeroCount(columns);
                var edges = _columns[c].Edges;
                int first = rowBins[c] - _columns[c].BinOffset;
                rowBins[c] += BinSearch.Index(edges.AsSpan(first), ValueOf(values, prediction, c));
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void CountOutOfRange(NumericCell[] cells, ulong columns)
        {
            for (; columns != 0; columns &= columns - 1)
            {
                cells[BitOperations.TrailingZeroCount(columns)].OutOfRange++;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void CountNonFinite(NumericCell[] cells, ReadOnlySpan<double> values, double prediction, int columns, ulong finiteColumns)
        {
            for (int c = 0; c < columns; c++)
            {
                if ((finiteColumns & (1UL << c)) == 0)
                {
                    if (double.IsNaN(ValueOf(values, prediction, c)))
                    {
                        cells[c].Missing++;
                    }
                    else
                    {
                        cells[c].NonFinite++;
                    }
                }
            }
        }
    }
}

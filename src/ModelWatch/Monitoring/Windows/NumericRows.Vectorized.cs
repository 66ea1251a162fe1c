using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelWatch.Monitoring;

internal abstract partial class NumericRows
{
    /// <summary>
    /// With a reference, four columns per vector instruction (x86 with AVX): the moments go into the
    /// accumulator's <see cref="NumericBlock"/> lanes and each value's grid cell is computed for four
    /// columns at once; then, per value, one load of the cell's two edge starts, one edge compare and
    /// the bin's increment. Every count, sum, bin and extreme is the one <see cref="Binned"/> computes
    /// (a block folds into the cells exactly as two cells merge).
    /// </summary>
    /// <remarks>
    /// <para>
    /// The columns' grids are laid end to end, once per layout: one array of cell starts that are
    /// already positions in the window's bin counts (a column's bin offset added in), and one array of
    /// edges in the same positions (each column's edges, then +∞ in its last bin's place). A value's
    /// cell, offset by its column's first cell, so indexes both, and the bin found is the count to
    /// increment: no per-column lookup object is read on the way.
    /// </para>
    /// <para>
    /// Non-finite values take no part in the moments (their lanes are masked) and are counted in the
    /// cells on a rare branch; out-of-range (a finite value outside the reference's minimum and
    /// maximum) is compared four columns at a time beside the moments, and counted on a rare branch;
    /// a crowded cell (more than one edge) falls back to the column's own lookup.
    /// </para>
    /// </remarks>
    private sealed class BinnedVectorized : NumericRows
    {
        private readonly BinnedColumn[] _columns;
        private readonly double[] _low;
        private readonly double[] _scale;
        private readonly double[] _lastCell;
        private readonly int[] _firstCell;
        private readonly double[] _min;
        private readonly double[] _max;
        private readonly int[] _starts;
        private readonly double[] _edges;

        /// <param name="grid">The reference's grids laid end to end (shared by every layout over that reference).</param>
        public BinnedVectorized(VectorizedGrid grid)
        {
            _columns = grid.Columns;
            _low = grid.Low;
            _scale = grid.Scale;
            _lastCell = grid.LastCell;
            _firstCell = grid.FirstCell;
            _min = grid.Min;
            _max = grid.Max;
            _starts = grid.Starts;
            _edges = grid.Edges;
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
            // assembled in the block's scratch — copying the row costs more than the moments.
            int features = Math.Min(values.Length, columns);
            int whole = features & ~(NumericBlock.Lanes - 1);
            var tail = block.Values;
            for (int c = whole; c < features; c++)
            {
                tail[c] = values[c];
            }

            if (columns > features)
            {
                tail[features] = prediction;
            }

            if (!block.Centered)
            {
                block.CenterOn(values, prediction);
            }

            block.HasRows = true;
            ulong finite = AddMoments(block, values, whole, out ulong outOfRange);
            ulong all = columns == 64 ? ulong.MaxValue : (1UL << columns) - 1;
            if ((finite & all) != all)
            {
                CountNonFinite(window.NumericUnfolded, values, prediction, columns, finite);
            }

            if (outOfRange != 0)
            {
                CountOutOfRange(window.NumericUnfolded, outOfRange);
            }

            CountBins(window, values, whole, tail, columns, finite);
        }

        /// <summary>
        /// Adds the row to the block's moments and puts each value's global grid cell in the block's
        /// scratch; returns the finite columns as a bit mask, and the columns whose finite value lies
        /// outside the reference's range in <paramref name="outOfRange"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong AddMoments(NumericBlock block, ReadOnlySpan<double> values, int whole, out ulong outOfRange)
        {
            ref double v0 = ref MemoryMarshal.GetReference(values);
            ref double tail0 = ref MemoryMarshal.GetArrayDataReference(block.Values);
            ref long count0 = ref MemoryMarshal.GetArrayDataReference(block.Count);
            ref double center0 = ref MemoryMarshal.GetArrayDataReference(block.Center);
            ref double sum10 = ref MemoryMarshal.GetArrayDataReference(block.Sum1);
            ref double sum20 = ref MemoryMarshal.GetArrayDataReference(block.Sum2);
            ref double min0 = ref MemoryMarshal.GetArrayDataReference(block.Min);
            ref double max0 = ref MemoryMarshal.GetArrayDataReference(block.Max);
            ref int cells0 = ref MemoryMarshal.GetArrayDataReference(block.Cells);
            ulong finiteColumns = 0;
            outOfRange = 0;
            for (int c = 0; c < block.Columns; c += NumericBlock.Lanes)
            {
                nuint i = (nuint)c;
                var x = c < whole ? Vector256.LoadUnsafe(ref v0, i) : Vector256.LoadUnsafe(ref tail0, i);

                // x − x is 0 for finite x and NaN for NaN and ±∞.
                var finite = Vector256.Equals(x - x, Vector256<double>.Zero);
                finiteColumns |= (ulong)finite.ExtractMostSignificantBits() << c;
                var d = Vector256.ConditionalSelect(finite, x - Vector256.LoadUnsafe(ref center0, i), Vector256<double>.Zero);
                (Vector256.LoadUnsafe(ref count0, i) - finite.AsInt64()).StoreUnsafe(ref count0, i);
                (Vector256.LoadUnsafe(ref sum10, i) + d).StoreUnsafe(ref sum10, i);
                (Vector256.LoadUnsafe(ref sum20, i) + (d * d)).StoreUnsafe(ref sum20, i);
                Vector256.MinNative(Vector256.LoadUnsafe(ref min0, i), Vector256.ConditionalSelect(finite, x, Vector256.Create(double.PositiveInfinity))).StoreUnsafe(ref min0, i);
                Vector256.MaxNative(Vector256.LoadUnsafe(ref max0, i), Vector256.ConditionalSelect(finite, x, Vector256.Create(double.NegativeInfinity))).StoreUnsafe(ref max0, i);

                // A NaN lane compares false; an infinite one is masked out (it is counted as non-finite).
                var outside = Vector256.LessThan(x, Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_min), i))
                    | Vector256.GreaterThan(x, Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_max), i));
                outOfRange |= (ulong)(outside & finite).ExtractMostSignificantBits() << c;

                // The grid cell exactly as GridBinLookup computes it (a non-finite lane takes the grid's low end; it is never read).
                var low = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_low), i);
                var t = (Vector256.ConditionalSelect(finite, x, low) - low) * Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_scale), i);
                t = Vector256.MinNative(Vector256.MaxNative(t, Vector256<double>.Zero), Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_lastCell), i));
                var cell = Avx.ConvertToVector128Int32WithTruncation(t) + Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_firstCell), i);
                cell.StoreUnsafe(ref cells0, i);
            }

            return finiteColumns;
        }

        /// <summary>Each finite value's bin, from its global cell, counted.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void CountBins(WindowAccumulator window, ReadOnlySpan<double> values, int whole, double[] tail, int columns, ulong finite)
        {
            ref double v0 = ref MemoryMarshal.GetReference(values);
            ref double tail0 = ref MemoryMarshal.GetArrayDataReference(tail);
            ref int cells = ref MemoryMarshal.GetArrayDataReference(window.Block!.Cells);
            ref long bins = ref MemoryMarshal.GetArrayDataReference(window.Bins);
            ref int starts = ref MemoryMarshal.GetArrayDataReference(_starts);
            ref double edges = ref MemoryMarshal.GetArrayDataReference(_edges);
            for (int c = 0; c < columns; c++)
            {
                if ((finite & (1UL << c)) == 0)
                {
                    continue;
                }

                double x = c < whole ? Unsafe.Add(ref v0, c) : Unsafe.Add(ref tail0, c);

                // This cell's start and the next one's, in one load (little-endian: the low half is the first).
                ulong pair = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<int, byte>(ref Unsafe.Add(ref starts, Unsafe.Add(ref cells, c))));
                int bin = (int)pair;
                int n = (int)(pair >> 32) - bin;
                if (n <= 1)
                {
                    bin += (n == 1) & (Unsafe.Add(ref edges, bin) < x) ? 1 : 0;
                }
                else
                {
                    bin = Crowded(c, x);
                }

                Unsafe.Add(ref bins, bin)++;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private int Crowded(int c, double x) => _columns[c].BinOffset + _columns[c].Lookup.BinOf(x);

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

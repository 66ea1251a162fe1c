using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// How a row's numeric values (and a numeric prediction, the last numeric column) go into a window.
/// The variant is chosen once per layout — when a reference arrives, or when window profiles are
/// switched on — so the logging path tests no mode per call: one virtual call per row (two when
/// keeping window profiles).
/// </summary>
/// <remarks>Runs under the shard's lock; allocates nothing.</remarks>
internal abstract partial class NumericRows
{
    /// <summary>Whether a layout with a reference and <paramref name="columns"/> numeric columns logs through the vectorized path on this machine.</summary>
    public static bool Vectorizes(int columns) => BinnedVectorized.Supports(columns);

    /// <summary>
    /// The variant for a layout: over the reference's bins or into sketches, wrapped to keep raw values
    /// for exact detectors and to keep window profiles.
    /// </summary>
    /// <param name="reference">The reference, or null before one exists.</param>
    /// <param name="binned">The reference's columns in the layout (null without a reference).</param>
    /// <param name="keepProfiles">Whether windows keep profiles.</param>
    /// <param name="exactSamples">Whether windows keep raw values for exact detectors.</param>
    public static NumericRows For(ReferenceProfile? reference, BinnedColumn[]? binned, bool keepProfiles, bool exactSamples = false)
    {
        bool hasReference = reference is not null && binned is not null;
        NumericRows rows = !hasReference ? new Sketched()
            : Vectorizes(binned!.Length) ? new BinnedVectorized(reference!.VectorizedGrid(binned))
            : new Binned();
        if (exactSamples && hasReference)
        {
            rows = new WithExactSamples(rows);
        }

        return keepProfiles ? new WithProfiles(rows, profileNeedsSketches: hasReference) : rows;
    }

    /// <summary>
    /// Gives an accumulator that a shard is about to write into whatever this variant keeps beside the
    /// cells (so the first row after a hand-over allocates nothing); the evaluator's own accumulators never get it.
    /// </summary>
    public virtual void Prepare(WindowAccumulator window)
    {
    }

    /// <summary>Adds a row's numeric values; <paramref name="prediction"/> counts when the layout has a numeric prediction column.</summary>
    public abstract void Add(WindowAccumulator window, ReadOnlySpan<double> values, double prediction);

    /// <summary>The value of numeric column <paramref name="c"/>: a feature, or the prediction after them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ValueOf(ReadOnlySpan<double> values, double prediction, int c) => c < values.Length ? values[c] : prediction;

    /// <summary>With a reference: each value into its column's cell and, when finite, its fine bin (the common case).</summary>
    /// <remarks>
    /// The loop runs once per numeric value logged, so it reads its arrays without bounds checks: the
    /// layout sizes the cells, the columns and the bin offsets together (one cell and one column per
    /// numeric column, a bin range per column), and a row's values are checked against the schema
    /// before the logging path gets here. Out-of-range is compared only in the outer bins that can
    /// hold such a value (<see cref="BinnedColumn.MayBeOutOfRange"/>).
    /// </remarks>
    private sealed class Binned : NumericRows
    {
        [MethodImpl(MethodImplOptions.NoInlining)] // its own frame keeps the loop's arrays in registers
        public override void Add(WindowAccumulator window, ReadOnlySpan<double> values, double prediction)
        {
            var cells = window.NumericUnfolded;
            ref NumericCell cell0 = ref MemoryMarshal.GetArrayDataReference(cells);
            ref BinnedColumn column0 = ref MemoryMarshal.GetArrayDataReference(window.Layout.Binned);
            ref long bins = ref MemoryMarshal.GetArrayDataReference(window.Bins);
            int features = Math.Min(values.Length, cells.Length);
            for (int c = 0; c < features; c++)
            {
                AddValue(ref Unsafe.Add(ref cell0, c), in Unsafe.Add(ref column0, c), ref bins, values[c]);
            }

            if (cells.Length > features)
            {
                // The numeric prediction: the last numeric column.
                AddValue(ref Unsafe.Add(ref cell0, features), in Unsafe.Add(ref column0, features), ref bins, prediction);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddValue(ref NumericCell cell, in BinnedColumn column, ref long bins, double x)
        {
            if (cell.Add(x))
            {
                int bin = column.Lookup!.BinOf(x);
                if (column.MayBeOutOfRange(bin))
                {
                    cell.OutOfRange += (x < column.Min) | (x > column.Max) ? 1 : 0;
                }

                Unsafe.Add(ref bins, column.BinOffset + bin)++;
            }
        }
    }

    /// <summary>Before a reference exists: each value into its cell and, when finite, its column's quantile sketch, from which a production reference is built.</summary>
    private sealed class Sketched : NumericRows
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override void Add(WindowAccumulator window, ReadOnlySpan<double> values, double prediction)
        {
            var cells = window.NumericUnfolded;
            var sketches = window.Sketches!;
            for (int c = 0; c < cells.Length; c++)
            {
                double x = ValueOf(values, prediction, c);
                if (cells[c].Add(x))
                {
                    sketches[c].Add(x);
                }
            }
        }
    }

    /// <summary>
    /// Keeping raw values (<see cref="DriftOptions.ExactSamplesUpTo"/>): each finite value also goes into
    /// the window's <see cref="ExactSamples"/> until its column is full. Chosen per layout, so a model
    /// without the option never runs this code.
    /// </summary>
    private sealed class WithExactSamples(NumericRows rows) : NumericRows
    {
        public override void Prepare(WindowAccumulator window) => rows.Prepare(window);

        public override void Add(WindowAccumulator window, ReadOnlySpan<double> values, double prediction)
        {
            var samples = window.Samples!;
            int columns = window.NumericUnfolded.Length;
            for (int c = 0; c < columns; c++)
            {
                double x = ValueOf(values, prediction, c);
                if (double.IsFinite(x))
                {
                    samples.Add(c, x);
                }
            }

            rows.Add(window, values, prediction);
        }
    }

    /// <summary>
    /// Keeping window profiles: a row also goes into the profile's full moments and, with a reference
    /// (whose windows keep no sketches of their own), into the profile's sketches; without one the
    /// window's sketches serve the profile. The profile counts NaN and ±Infinity itself.
    /// </summary>
    private sealed class WithProfiles(NumericRows rows, bool profileNeedsSketches) : NumericRows
    {
        public override void Prepare(WindowAccumulator window) => rows.Prepare(window);

        public override void Add(WindowAccumulator window, ReadOnlySpan<double> values, double prediction)
        {
            var moments = window.Moments!;
            var sketches = profileNeedsSketches ? window.Sketches! : null;
            for (int c = 0; c < moments.Length; c++)
            {
                double x = ValueOf(values, prediction, c);
                moments[c].Add(x);
                sketches?[c].Add(x);
            }

            rows.Add(window, values, prediction);
        }
    }
}

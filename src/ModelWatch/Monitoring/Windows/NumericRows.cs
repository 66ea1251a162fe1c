using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// How a row's numeric values (and a numeric prediction, the last numeric column) go into a window.
/// The variant is chosen once per layout — when a reference arrives, or when window profiles are
/// switched on — so the logging path tests no mode per call: one virtual call per row.
/// </summary>
/// <remarks>Runs under the shard's lock; allocates nothing.</remarks>
internal abstract class NumericRows
{
    /// <summary>The variant for a layout.</summary>
    public static NumericRows For(bool hasReference, bool keepProfiles) => (hasReference, keepProfiles) switch
    {
        (true, false) => new Binned(),
        (true, true) => new BinnedWithProfiles(),
        (false, false) => new Sketched(),
        (false, true) => new SketchedWithProfiles(),
    };

    /// <summary>Adds a row's numeric values; <paramref name="prediction"/> counts when the layout has a numeric prediction column.</summary>
    public abstract void Add(WindowAccumulator window, ReadOnlySpan<double> values, double prediction);

    /// <summary>Counts a value into column <paramref name="c"/>'s cell and, when finite, its fine bin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddBinned(NumericCell[] cells, BinnedColumn[] columns, long[] bins, int c, double x)
    {
        ref NumericCell cell = ref cells[c];
        if (cell.Add(x))
        {
            ref readonly BinnedColumn column = ref columns[c];
            cell.OutOfRange += (x < column.Min) | (x > column.Max) ? 1 : 0;
            bins[column.BinOffset + column.Lookup.BinOf(x)]++;
        }
    }

    /// <summary>The value of numeric column <paramref name="c"/>: a feature, or the prediction after them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ValueOf(ReadOnlySpan<double> values, double prediction, int c) => c < values.Length ? values[c] : prediction;

    /// <summary>With a reference: counts over its fine bins (the common case).</summary>
    private sealed class Binned : NumericRows
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override void Add(WindowAccumulator window, ReadOnlySpan<double> values, double prediction)
        {
            // The arrays are read once, outside the loop.
            var cells = window.Numeric;
            var columns = window.Layout.Binned;
            var bins = window.Bins;
            for (int c = 0; c < cells.Length; c++)
            {
                AddBinned(cells, columns, bins, c, ValueOf(values, prediction, c));
            }
        }
    }

    /// <summary>With a reference, keeping window profiles: the bins plus full moments and a sketch per column.</summary>
    private sealed class BinnedWithProfiles : NumericRows
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override void Add(WindowAccumulator window, ReadOnlySpan<double> values, double prediction)
        {
            var cells = window.Numeric;
            var columns = window.Layout.Binned;
            var bins = window.Bins;
            var moments = window.Moments!;
            var sketches = window.Sketches!;
            for (int c = 0; c < cells.Length; c++)
            {
                double x = ValueOf(values, prediction, c);

                // The profile counts NaN and ±Infinity itself.
                moments[c].Add(x);
                sketches[c].Add(x);
                AddBinned(cells, columns, bins, c, x);
            }
        }
    }

    /// <summary>Before a reference exists: quantile sketches, from which a production reference is built.</summary>
    private sealed class Sketched : NumericRows
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override void Add(WindowAccumulator window, ReadOnlySpan<double> values, double prediction)
        {
            var cells = window.Numeric;
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

    /// <summary>Before a reference exists, keeping window profiles: the sketches plus full moments.</summary>
    private sealed class SketchedWithProfiles : NumericRows
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override void Add(WindowAccumulator window, ReadOnlySpan<double> values, double prediction)
        {
            var cells = window.Numeric;
            var sketches = window.Sketches!;
            var moments = window.Moments!;
            for (int c = 0; c < cells.Length; c++)
            {
                double x = ValueOf(values, prediction, c);
                moments[c].Add(x);
                if (cells[c].Add(x))
                {
                    sketches[c].Add(x);
                }
            }
        }
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ModelWatch.Internal;

namespace ModelWatch.Monitoring;

/// <summary>
/// Finds the bin of a value among many sorted edges in a few nanoseconds: a uniform grid over the
/// edge range tells where to start, and a short forward scan (or, for a crowded cell, a binary
/// search) finishes. The result is the number of edges strictly below the value, the same rule as
/// <see cref="BinSearch"/>.
/// </summary>
/// <remarks>
/// <para>
/// Correctness does not depend on rounding: a cell's start is the number of edges whose own cell
/// (computed with the same monotone formula) is lower, and every such edge is below any value that
/// maps to the cell. Instances are immutable and shared by all threads.
/// </para>
/// <para>
/// The lookup runs for every numeric value logged, so it is written for instruction count: the cell
/// is clamped with two min/max instructions instead of branches, a cell's start and the next cell's
/// start are read as one 8-byte load, and the arrays are read without bounds checks — safe because
/// the clamp keeps the cell in [0, cells − 1], the start array has cells + 1 entries, and a start is
/// at most the edge count, where the edge array holds its +∞ sentinel. The scale is always positive
/// and finite, so the product is never NaN, even for values whose distance to the grid overflows.
/// </para>
/// </remarks>
internal sealed class GridBinLookup
{
    private const int MaxScan = 8;

    private readonly int _cells;

    // The edges followed by +∞, so the one-edge test below may read one past the last edge.
    private readonly double[] _edges;
    private readonly double _low;
    private readonly double _scale;
    private readonly double _lastCell;
    private readonly int[] _cellStart;

    public GridBinLookup(ReadOnlySpan<double> edges)
    {
        // About four cells per edge, so nearly every cell holds at most one edge.
        _cells = Math.Max(64, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, 4 * edges.Length)));
        _edges = new double[edges.Length + 1];
        edges.CopyTo(_edges);
        _edges[^1] = double.PositiveInfinity;
        EdgeCount = edges.Length;
        _cellStart = new int[_cells + 1];
        _lastCell = _cells - 1;

        // One edge, or a range too narrow for a finite scale: every finite value maps to cell 0 (a
        // positive scale keeps an overflowing distance at ±∞, never NaN).
        _scale = double.Epsilon;
        if (edges.IsEmpty)
        {
            return;
        }

        _low = edges[0];
        double range = edges[^1] - edges[0];
        double scale = _cells / range;
        if (range > 0 && double.IsFinite(scale))
        {
            _scale = scale;
        }

        // cellStart[c] = number of edges in cells below c.
        int e = 0;
        for (int c = 0; c <= _cells; c++)
        {
            while (e < EdgeCount && CellOf(_edges[e]) < c)
            {
                e++;
            }

            _cellStart[c] = e;
        }
    }

    public int EdgeCount { get; }

    /// <summary>The number of grid cells.</summary>
    public int CellCount => _cells;

    /// <summary>Per cell, the number of edges in the cells below it; one more entry than cells.</summary>
    public ReadOnlySpan<int> CellStarts => _cellStart;

    public ReadOnlySpan<double> Edges => _edges.AsSpan(0, EdgeCount);

    /// <summary>Where the grid starts: a value's cell is ⌊(value − Low)·Scale⌋ clamped to [0, <see cref="LastCell"/>].</summary>
    public double Low => _low;

    /// <summary>Cells per unit of value (positive and finite).</summary>
    public double Scale => _scale;

    /// <summary>The last cell, as a double for the clamp.</summary>
    public double LastCell => _lastCell;

    /// <summary>The number of edges strictly below <paramref name="value"/> (not NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BinOf(double value) => BinInCell(CellOf(value), value);

    /// <summary>The number of edges strictly below <paramref name="value"/>, given its cell.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BinInCell(int cell, double value)
    {
        // This cell's start and the next one's, in one load (little-endian: the low half is the first).
        ulong starts = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<int, byte>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cellStart), cell)));
        int b = (int)starts;
        int n = (int)(starts >> 32) - b;
        if (n <= 1)
        {
            // The usual case, without a data-dependent branch: at most one edge in the cell (with
            // none, edge b is the next cell's edge or the +∞ sentinel, and n == 1 is false anyway).
            return b + ((n == 1) & (Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_edges), b) < value) ? 1 : 0);
        }

        return n > MaxScan ? b + BinSearch.Index(_edges.AsSpan(b, n), value) : Scan(b, b + n, value);
    }

    private int Scan(int b, int end, double value)
    {
        while (b < end && _edges[b] < value)
        {
            b++;
        }

        return b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CellOf(double value)
    {
        // t is never NaN (value is not, the scale is positive and finite), so the native min/max
        // clamp it exactly; the native conversion then needs no saturation checks.
        double t = double.MinNative(double.MaxNative((value - _low) * _scale, 0.0), _lastCell);
        return double.ConvertToIntegerNative<int>(t);
    }
}

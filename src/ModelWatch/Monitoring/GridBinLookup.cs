using System.Numerics;
using System.Runtime.CompilerServices;
using ModelWatch.Internal;

namespace ModelWatch.Monitoring;

/// <summary>
/// Finds the bin of a value among many sorted edges in a few nanoseconds: a uniform grid over the
/// edge range tells where to start, and a short forward scan (or, for a crowded cell, a binary
/// search) finishes. The result is the number of edges strictly below the value, the same rule as
/// <see cref="BinSearch"/>.
/// </summary>
/// <remarks>
/// Correctness does not depend on rounding: a cell's start is the number of edges whose own cell
/// (computed with the same monotone formula) is lower, and every such edge is below any value that
/// maps to the cell. Instances are immutable and shared by all threads.
/// </remarks>
internal sealed class GridBinLookup
{
    private const int MaxScan = 8;

    private readonly int _cells;

    // The edges followed by +∞, so the one-edge test below may read one past the last edge.
    private readonly double[] _edges;
    private readonly double _low;
    private readonly double _scale;
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
        if (edges.IsEmpty)
        {
            return;
        }

        _low = edges[0];
        double range = edges[^1] - edges[0];
        _scale = range > 0 ? _cells / range : 0;
        if (!double.IsFinite(_scale))
        {
            _scale = 0;
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

    public ReadOnlySpan<double> Edges => _edges.AsSpan(0, EdgeCount);

    /// <summary>The number of edges strictly below <paramref name="value"/> (not NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BinOf(double value)
    {
        int cell = CellOf(value);
        int b = _cellStart[cell];
        int n = _cellStart[cell + 1] - b;
        if (n <= 1)
        {
            // The usual case, without a data-dependent branch: at most one edge in the cell.
            return b + ((n == 1) & (_edges[b] < value) ? 1 : 0);
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
        double t = (value - _low) * _scale;
        // Native conversion: t is already clamped, so the saturating form's extra checks are not needed.
        return t <= 0 ? 0 : t >= _cells - 1 ? _cells - 1 : double.ConvertToIntegerNative<int>(t);
    }
}

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
    private const int Cells = 256;
    private const int MaxScan = 8;

    private readonly double[] _edges;
    private readonly double _low;
    private readonly double _scale;
    private readonly int[] _cellStart;

    public GridBinLookup(ReadOnlySpan<double> edges)
    {
        _edges = edges.ToArray();
        EdgeCount = edges.Length;
        _cellStart = new int[Cells + 1];
        if (edges.IsEmpty)
        {
            return;
        }

        _low = edges[0];
        double range = edges[^1] - edges[0];
        _scale = range > 0 ? Cells / range : 0;
        if (!double.IsFinite(_scale))
        {
            _scale = 0;
        }

        // cellStart[c] = number of edges in cells below c.
        int e = 0;
        for (int c = 0; c <= Cells; c++)
        {
            while (e < _edges.Length && CellOf(_edges[e]) < c)
            {
                e++;
            }

            _cellStart[c] = e;
        }
    }

    public int EdgeCount { get; }

    public ReadOnlySpan<double> Edges => _edges;

    /// <summary>The number of edges strictly below <paramref name="value"/> (not NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BinOf(double value)
    {
        int cell = CellOf(value);
        int b = _cellStart[cell];
        int end = _cellStart[cell + 1];
        if (end - b > MaxScan)
        {
            return b + BinSearch.Index(_edges.AsSpan(b, end - b), value);
        }

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
        return t <= 0 ? 0 : t >= Cells - 1 ? Cells - 1 : (int)t;
    }
}

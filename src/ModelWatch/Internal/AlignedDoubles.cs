using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelWatch.Internal;

/// <summary>
/// Doubles whose first element starts a cache line and never moves: a pinned array, entered a few
/// elements in. A managed array starts wherever the allocator and compaction put it (eight-byte
/// aligned), and where that is changed the logging path's cost by a tenth from one process to the
/// next: four doubles read or written as one 32-byte vector straddle two cache lines unless they
/// start on a 32-byte boundary. From the first element on, every group of four does.
/// </summary>
/// <remarks>
/// A length in whole cache lines (a multiple of eight) also keeps the elements on lines of their
/// own: nothing allocated before or after them shares one.
/// </remarks>
internal readonly struct AlignedDoubles
{
    private const int PerLine = CacheLine.Bytes / sizeof(double);

    private readonly double[] _store;
    private readonly int _start;

    /// <param name="length">How many doubles.</param>
    public AlignedDoubles(int length)
    {
        // Pinned: the alignment found now holds for the array's life (the pinned heap never compacts).
        _store = GC.AllocateArray<double>(length + PerLine - 1, pinned: true);
        long address = Unsafe.ByteOffset(ref Unsafe.NullRef<double>(), ref MemoryMarshal.GetArrayDataReference(_store));
        _start = (int)((CacheLine.Bytes - (address % CacheLine.Bytes)) % CacheLine.Bytes / sizeof(double));
        Length = length;
    }

    public int Length { get; }

    public Span<double> Span => _store.AsSpan(_start, Length);

    /// <summary>Gets the first element, on a cache line's first byte (for the logging path's vector reads and writes).</summary>
    public ref double First => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_store), _start);
}

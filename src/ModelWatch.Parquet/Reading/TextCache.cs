using System.Numerics;
using System.Runtime.InteropServices;
using ParquetSharp;

namespace ModelWatch.Parquet.Reading;

/// <summary>
/// The decoded strings of a text column's recent values, found by where their bytes lie: in a
/// dictionary-encoded column chunk every row holding the same value points at the same dictionary
/// entry, so a value is decoded from UTF-8 once per chunk instead of once per row.
/// </summary>
/// <remarks>
/// A pointer is only a hint: pages of a plain-encoded chunk reuse memory, so a hit is confirmed by
/// comparing the bytes with the copy kept, and a miss decodes the value and replaces the entry.
/// Direct-mapped with <see cref="Size"/> entries, so its memory is bounded whatever the column holds.
/// </remarks>
internal sealed unsafe class TextCache
{
    /// <summary>The number of entries.</summary>
    public const int Size = 4_096;

    /// <summary>The longest value (in bytes) kept; longer ones are decoded each time.</summary>
    public const int MaxCachedBytes = 1_024;

    private readonly Entry[] _entries = new Entry[Size];

    /// <summary>Gets the string of a value, decoding it when it is not cached; null when it is too long to cache.</summary>
    public string? Get(ByteArray value)
    {
        if (value.Length > MaxCachedBytes)
        {
            return null;
        }

        var bytes = new ReadOnlySpan<byte>((void*)value.Pointer, value.Length);
        ref var entry = ref _entries[Slot(value.Pointer, value.Length)];
        if (entry.Pointer == value.Pointer && entry.Bytes is { } kept && bytes.SequenceEqual(kept))
        {
            return entry.Text;
        }

        string text = System.Text.Encoding.UTF8.GetString(bytes);
        entry = new Entry(value.Pointer, bytes.ToArray(), text);
        return text;
    }

    /// <summary>Forgets every entry (a new column chunk's dictionary lives elsewhere).</summary>
    public void Clear() => Array.Clear(_entries);

    private static int Slot(nint pointer, int length) =>
        (int)((((ulong)pointer + (uint)length) * 0x9E3779B97F4A7C15UL) >> (64 - BitOperations.Log2(Size)));

    [StructLayout(LayoutKind.Auto)]
    private readonly record struct Entry(nint Pointer, byte[]? Bytes, string? Text);
}

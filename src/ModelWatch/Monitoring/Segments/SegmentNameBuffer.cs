namespace ModelWatch.Monitoring;

/// <summary>
/// A row's segment name built from its segment columns' values, joined by
/// <see cref="SegmentNames.Separator"/>, in a buffer reused row after row: once it has grown to the
/// longest name, building one allocates nothing. For readers that name segments by several columns
/// (the CLI's CSV input, the Parquet reader).
/// </summary>
internal sealed class SegmentNameBuffer
{
    private char[] _chars = new char[64];
    private int _length;
    private int _parts;

    /// <summary>Gets the name built so far.</summary>
    public ReadOnlySpan<char> Name => _chars.AsSpan(0, _length);

    /// <summary>Starts a new name.</summary>
    public void Clear()
    {
        _length = 0;
        _parts = 0;
    }

    /// <summary>Appends the next column's value (after a separator unless it is the first).</summary>
    public void Append(ReadOnlySpan<char> value)
    {
        int separator = _parts > 0 ? 1 : 0;
        int needed = _length + separator + value.Length;
        if (needed > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(needed, _chars.Length * 2));
        }

        if (separator > 0)
        {
            _chars[_length++] = SegmentNames.Separator;
        }

        value.CopyTo(_chars.AsSpan(_length));
        _length += value.Length;
        _parts++;
    }
}

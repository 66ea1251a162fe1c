using System.Buffers;

namespace ModelWatch.Extensions.AI.Text;

/// <summary>
/// Gathers the pieces of one text (a message's contents, a stream's chunks) for the length of one
/// call, so descriptors can read it whole. One piece is read in place; several are copied into a
/// pooled buffer that is cleared before it goes back to the pool. Never holds more than the
/// limit: past it the text is marked too long and dropped.
/// </summary>
internal struct TextGatherer
{
    private readonly int _limit;
    private string? _single;
    private char[]? _buffer;
    private int _length;

    public TextGatherer(int limit) => _limit = limit;

    public bool TooLong { get; private set; }

    public readonly ReadOnlySpan<char> Text => _single is not null ? _single.AsSpan() : _buffer.AsSpan(0, _length);

    public void Append(string? piece)
    {
        if (string.IsNullOrEmpty(piece) || TooLong)
        {
            return;
        }

        int current = _single?.Length ?? _length;
        if ((long)current + piece.Length > _limit)
        {
            TooLong = true;
            Release();
            return;
        }

        if (_single is null && _buffer is null)
        {
            _single = piece;
            return;
        }

        if (_buffer is null)
        {
            _buffer = ArrayPool<char>.Shared.Rent(Math.Max(256, _single!.Length + piece.Length));
            _single.CopyTo(_buffer);
            _length = _single.Length;
            _single = null;
        }
        else if (_length + piece.Length > _buffer.Length)
        {
            var larger = ArrayPool<char>.Shared.Rent((int)Math.Min(_limit, Math.Max(2L * _buffer.Length, (long)_length + piece.Length)));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ReturnBuffer();
            _buffer = larger;
        }

        piece.CopyTo(_buffer.AsSpan(_length));
        _length += piece.Length;
    }

    /// <summary>Clears and returns the buffer; the gatherer is empty afterwards.</summary>
    public void Release()
    {
        ReturnBuffer();
        _single = null;
        _length = 0;
    }

    private void ReturnBuffer()
    {
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _length).Clear(); // no text outlives the call, not even in the pool
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}

namespace ModelWatch.Monitoring;

/// <summary>
/// The scored errors of one outcome shard waiting for the concept-drift detector: a ring that
/// grows to a cap, then keeps the newest (the oldest are dropped and counted).
/// </summary>
/// <remarks>Not thread-safe: the outcome shard's lock guards it.</remarks>
internal sealed class ErrorRing(int capacity)
{
    private ErrorEvent[] _errors = [];
    private int _head;
    private int _count;

    /// <summary>Errors dropped because nobody drained the ring before it was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Adds an error; at the cap the oldest one is dropped.</summary>
    public void Add(ErrorEvent error)
    {
        if (_count == _errors.Length)
        {
            if (_errors.Length < capacity)
            {
                var grown = new ErrorEvent[Math.Min(capacity, Math.Max(256, _errors.Length * 2))];
                for (int i = 0; i < _count; i++)
                {
                    grown[i] = _errors[(_head + i) % _errors.Length];
                }

                _errors = grown;
                _head = 0;
            }
            else
            {
                // Nobody drained the stream for a while: the detector sees the newest errors.
                _head = (_head + 1) % _errors.Length;
                _count--;
                Dropped++;
            }
        }

        _errors[(_head + _count) % _errors.Length] = error;
        _count++;
    }

    /// <summary>Copies the errors out, oldest first, and empties the ring.</summary>
    public void Drain(List<ErrorEvent> into)
    {
        for (int i = 0; i < _count; i++)
        {
            into.Add(_errors[(_head + i) % _errors.Length]);
        }

        _head = 0;
        _count = 0;
    }
}

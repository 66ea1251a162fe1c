namespace ModelWatch.Monitoring;

/// <summary>
/// Accumulators by sub-window (epoch), oldest first, and the one rule that turns them into windows:
/// a window of <c>span</c> sub-windows ending at epoch <c>e</c> covers <c>[e − span + 1, e]</c>.
/// Drift windows and both quality bases (prediction time, outcome arrival) use it alike.
/// </summary>
/// <typeparam name="T">The per-epoch accumulator.</typeparam>
/// <remarks>Not thread-safe: the evaluator owns it (under the monitor's collect lock).</remarks>
internal sealed class EpochWindows<T>
    where T : class, IEpochAccumulator<T>
{
    private readonly SortedDictionary<long, T> _byEpoch = [];
    private readonly Func<long, T> _create;

    /// <param name="create">Makes an empty accumulator for an epoch.</param>
    public EpochWindows(Func<long, T> create) => _create = create;

    /// <summary>How many sub-windows hold data.</summary>
    public int Count => _byEpoch.Count;

    /// <summary>The accumulators, oldest first.</summary>
    public IEnumerable<T> Accumulators => _byEpoch.Values;

    /// <summary>The epochs that hold data, oldest first.</summary>
    public IEnumerable<long> Epochs => _byEpoch.Keys;

    /// <summary>
    /// Takes an accumulator: kept as the epoch's own when the epoch is new, otherwise merged into it.
    /// </summary>
    /// <returns>The accumulator when it was merged (so the caller may reuse it), otherwise null.</returns>
    public T? Add(T accumulator)
    {
        if (_byEpoch.TryGetValue(accumulator.Epoch, out var existing))
        {
            existing.Merge(accumulator);
            return accumulator;
        }

        _byEpoch.Add(accumulator.Epoch, accumulator);
        return null;
    }

    /// <summary>The epoch's accumulator, created empty when the epoch holds nothing yet.</summary>
    public T Own(long epoch)
    {
        if (!_byEpoch.TryGetValue(epoch, out var own))
        {
            own = _create(epoch);
            _byEpoch.Add(epoch, own);
        }

        return own;
    }

    /// <summary>The window <c>[last − span + 1, last]</c> merged into a new accumulator whose epoch is <paramref name="last"/>.</summary>
    public T Window(long last, int span) => Window(last, span, _create(last));

    /// <summary>
    /// The window <c>[last − span + 1, last]</c> to read now, without keeping it: a window of one
    /// sub-window is that sub-window's own accumulator (no copy); a longer one is merged into a new
    /// accumulator. Valid only until the store next changes.
    /// </summary>
    public T WindowToRead(long last, int span) =>
        span == 1 && _byEpoch.TryGetValue(last, out var own) ? own : Window(last, span);

    /// <summary>The window <c>[last − span + 1, last]</c> merged into <paramref name="window"/>.</summary>
    public T Window(long last, int span, T window)
    {
        long first = last - span + 1;
        foreach (var (epoch, accumulator) in _byEpoch)
        {
            if (epoch > last)
            {
                break;
            }

            if (epoch >= first)
            {
                window.Merge(accumulator);
            }
        }

        return window;
    }

    /// <summary>
    /// The ends of the windows that hold data, lie after <paramref name="reportedThrough"/> and are
    /// closed (end before <paramref name="watermark"/>), oldest first.
    /// </summary>
    public SortedSet<long> ClosedEnds(long reportedThrough, long watermark, int span) =>
        EndsTouching(_byEpoch.Keys, reportedThrough, watermark - 1, span);

    /// <summary>
    /// The ends of the windows that contain any of <paramref name="epochs"/>, lie after
    /// <paramref name="after"/> and no later than <paramref name="through"/>, oldest first.
    /// </summary>
    public static SortedSet<long> EndsTouching(IEnumerable<long> epochs, long after, long through, int span)
    {
        var ends = new SortedSet<long>();
        foreach (long s in epochs)
        {
            for (long e = Math.Max(s, after + 1); e < s + span && e <= through; e++)
            {
                ends.Add(e);
            }
        }

        return ends;
    }

    /// <summary>
    /// Keeps at most <paramref name="capacity"/> epochs: drops the oldest beyond it (the bound of a
    /// queue the evaluator has fallen behind on), passing each to <paramref name="dropped"/>.
    /// </summary>
    public void DropOldestBeyond(int capacity, Action<T>? dropped = null)
    {
        while (_byEpoch.Count > capacity)
        {
            var (oldest, accumulator) = _byEpoch.First();
            _byEpoch.Remove(oldest);
            dropped?.Invoke(accumulator);
        }
    }

    /// <summary>Drops the epochs before <paramref name="epoch"/>, passing each dropped accumulator to <paramref name="release"/>.</summary>
    public void Forget(long epoch, Action<T>? release = null)
    {
        while (_byEpoch.Count > 0)
        {
            long oldest = _byEpoch.Keys.First();
            if (oldest >= epoch)
            {
                break;
            }

            var accumulator = _byEpoch[oldest];
            _byEpoch.Remove(oldest);
            release?.Invoke(accumulator);
        }
    }
}

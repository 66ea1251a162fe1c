namespace ModelWatch.Extensions.AI;

/// <summary>What the embedding path counted instead of throwing.</summary>
internal sealed class EmbeddingCounters
{
    private long _wrongLength;
    private long _nonFinite;
    private long _failures;

    public long WrongLength => Volatile.Read(ref _wrongLength);

    public long NonFinite => Volatile.Read(ref _nonFinite);

    public long Failures => Volatile.Read(ref _failures);

    public void WrongLengthSeen() => Interlocked.Increment(ref _wrongLength);

    public void NonFiniteSeen() => Interlocked.Increment(ref _nonFinite);

    public void Failed() => Interlocked.Increment(ref _failures);
}

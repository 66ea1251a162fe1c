namespace ModelWatch.Extensions.AI;

/// <summary>What the chat middleware counted instead of throwing: texts too long to measure, texts with lone surrogates, and its own failures.</summary>
internal sealed class ChatCounters
{
    private long _textsTooLong;
    private long _textsWithLoneSurrogates;
    private long _descriptorFailures;
    private long _failures;
    private long _abandonedStreams;

    public long TextsTooLong => Volatile.Read(ref _textsTooLong);

    public long TextsWithLoneSurrogates => Volatile.Read(ref _textsWithLoneSurrogates);

    public long DescriptorFailures => Volatile.Read(ref _descriptorFailures);

    public long Failures => Volatile.Read(ref _failures);

    public long AbandonedStreams => Volatile.Read(ref _abandonedStreams);

    public void TextTooLong() => Interlocked.Increment(ref _textsTooLong);

    public void TextWithLoneSurrogates() => Interlocked.Increment(ref _textsWithLoneSurrogates);

    public void DescriptorFailed() => Interlocked.Increment(ref _descriptorFailures);

    public void Failed() => Interlocked.Increment(ref _failures);

    public void StreamAbandoned() => Interlocked.Increment(ref _abandonedStreams);
}

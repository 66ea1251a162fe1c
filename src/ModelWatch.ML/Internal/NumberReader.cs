namespace ModelWatch.ML.Internal;

/// <summary>A scalar number column: one numeric feature.</summary>
internal sealed class NumberReader<TInput>(Func<TInput, double> read) : FeatureReader<TInput>
{
    public override void Read(TInput input, Span<double> numeric, Span<string?> categorical) => numeric[NumericOffset] = read(input);
}

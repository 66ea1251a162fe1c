namespace ModelWatch.ML.Internal;

/// <summary>A text column (string or ML.NET's <c>ReadOnlyMemory&lt;char&gt;</c>): one categorical feature.</summary>
internal sealed class TextReader<TInput>(Func<TInput, string?> read) : FeatureReader<TInput>
{
    public override void Read(TInput input, Span<double> numeric, Span<string?> categorical) => categorical[CategoricalOffset] = read(input);
}

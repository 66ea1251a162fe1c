namespace ModelWatch.ML.Internal;

/// <summary>A boolean column: one categorical feature, "true" or "false" (constant strings: nothing allocated).</summary>
internal sealed class BooleanReader<TInput>(Func<TInput, bool> read) : FeatureReader<TInput>
{
    public const string True = "true";
    public const string False = "false";

    public override void Read(TInput input, Span<double> numeric, Span<string?> categorical) =>
        categorical[CategoricalOffset] = read(input) ? True : False;
}

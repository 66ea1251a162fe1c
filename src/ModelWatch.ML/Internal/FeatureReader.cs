namespace ModelWatch.ML.Internal;

/// <summary>Writes the features of one input column into the monitor's numeric and categorical buffers.</summary>
/// <typeparam name="TInput">The input class.</typeparam>
internal abstract class FeatureReader<TInput>
{
    /// <summary>Gets the first numeric slot this column writes (its features are contiguous).</summary>
    public int NumericOffset { get; init; }

    /// <summary>Gets the first categorical slot this column writes.</summary>
    public int CategoricalOffset { get; init; }

    /// <summary>Writes the column's features; never throws on a missing value (it writes NaN or null).</summary>
    public abstract void Read(TInput input, Span<double> numeric, Span<string?> categorical);
}

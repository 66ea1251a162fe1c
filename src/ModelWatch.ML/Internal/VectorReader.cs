using System.Numerics;

namespace ModelWatch.ML.Internal;

/// <summary>
/// A fixed-size vector column (<c>[VectorType(n)]</c> on a float or double array): n numeric
/// features. A null array or one of another length is logged as n missing values.
/// </summary>
internal sealed class VectorReader<TInput, TElement>(Func<TInput, TElement[]?> read, int size) : FeatureReader<TInput>
    where TElement : struct, INumberBase<TElement>
{
    public override void Read(TInput input, Span<double> numeric, Span<string?> categorical)
    {
        var target = numeric.Slice(NumericOffset, size);
        TElement[]? values = read(input);
        if (values is null || values.Length != size)
        {
            target.Fill(double.NaN);
            return;
        }

        for (int i = 0; i < size; i++)
        {
            target[i] = double.CreateTruncating(values[i]);
        }
    }
}

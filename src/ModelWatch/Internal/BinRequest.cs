namespace ModelWatch.Internal;

/// <summary>
/// Asks <see cref="OrderStatistics.Select(ReadOnlySpan{double}, int, ReadOnlySpan{long}, Span{double}, BinRequest?)"/>
/// to bin the data too, over edges made from the selected values.
/// </summary>
/// <param name="makeEdges">Turns the selected values into strictly increasing interior edges.</param>
internal sealed class BinRequest(Func<double[], double[]> makeEdges)
{
    public Func<double[], double[]> MakeEdges { get; } = makeEdges;

    /// <summary>The edges made from the selected values.</summary>
    public double[] Edges { get; set; } = [];

    /// <summary>Non-NaN values per bin (number of edges strictly below the value).</summary>
    public long[] Counts { get; set; } = [];
}

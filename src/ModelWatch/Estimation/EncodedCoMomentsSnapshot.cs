namespace ModelWatch.Estimation;

/// <summary>An <see cref="EncodedCoMoments"/>' sums as plain data, for monitor snapshots.</summary>
internal sealed class EncodedCoMomentsSnapshot
{
    public int Numeric { get; set; }

    public int Categorical { get; set; }

    public long Rows { get; set; }

    public long Skipped { get; set; }

    public int OverflowColumn { get; set; } = -1;

    public long[]? PairCount { get; set; }

    public double[]? PairMeanA { get; set; }

    public double[]? PairMeanB { get; set; }

    public double[]? PairCo { get; set; }

    /// <summary>Per categorical column, its categories in slot order.</summary>
    public string[][]? Names { get; set; }

    public long[]? CategoryCount { get; set; }

    public long[]? CrossCount { get; set; }

    public double[]? CrossMean { get; set; }

    /// <summary>Joint category counts as key, count, key, count, … in key order.</summary>
    public long[]? Joint { get; set; }
}

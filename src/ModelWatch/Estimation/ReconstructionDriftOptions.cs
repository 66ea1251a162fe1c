namespace ModelWatch.Estimation;

/// <summary>Options of <see cref="ReconstructionDrift.Fit"/>.</summary>
public sealed class ReconstructionDriftOptions
{
    /// <summary>
    /// Gets or sets the share of the reference's variance the principal components keep: the fewest
    /// components whose cumulative explained-variance ratio exceeds it (scikit-learn's float <c>n_components</c>).
    /// </summary>
    /// <value>The default value is 0.65, NannyML's.</value>
    public double VarianceToKeep { get; set; } = 0.65;

    /// <summary>Gets or sets how the reference and the evaluated data are cut into chunks.</summary>
    /// <value>The default value is <see cref="Estimation.Chunking.Default"/> (10 chunks).</value>
    public Chunking Chunking { get; set; } = Chunking.Default;
}

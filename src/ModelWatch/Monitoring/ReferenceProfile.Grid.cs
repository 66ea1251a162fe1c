namespace ModelWatch.Monitoring;

public sealed partial class ReferenceProfile
{
    private VectorizedGrid? _vectorizedGrid;

    /// <summary>
    /// The reference's grids for the vectorized logging path, built on first use from the layout's
    /// columns (which every layout over this reference derives alike) and shared from then on.
    /// </summary>
    internal VectorizedGrid VectorizedGrid(BinnedColumn[] columns) =>
        LazyInitializer.EnsureInitialized(ref _vectorizedGrid, () => new VectorizedGrid(columns));
}

using System.ComponentModel.DataAnnotations;

namespace ModelWatch.Monitoring;

/// <summary>Where a model's reference comes from and how numeric features are binned against it.</summary>
public sealed class ReferenceOptions
{
    /// <summary>
    /// Gets or sets the source: <see cref="ReferenceSource.Supplied"/> (a profile, factory or file given
    /// to the model builder or in <see cref="Path"/>), <see cref="ReferenceSource.FirstPredictions"/>
    /// (the first <see cref="SizeInPredictions"/> predictions in production) or
    /// <see cref="ReferenceSource.FirstPeriod"/> (the predictions of the first <see cref="Period"/>).
    /// </summary>
    /// <value>The default value is <see cref="ReferenceSource.Supplied"/>.</value>
    public ReferenceSource Source { get; set; } = ReferenceSource.Supplied;

    /// <summary>
    /// Gets or sets a profile file (<c>.mwp</c>, written by <c>ProfileFile.Save</c> or <c>modelwatch profile</c>)
    /// to load the reference from, for the <see cref="ReferenceSource.Supplied"/> source; relative to the current directory.
    /// A missing or unreadable file is logged with its path and the model runs without a reference
    /// (in strict mode it stops the host).
    /// </summary>
    /// <value>The default value is null.</value>
    public string? Path { get; set; }

    /// <summary>Gets or sets the number of predictions that make the reference for <see cref="ReferenceSource.FirstPredictions"/>.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(1L, long.MaxValue)]
    public long SizeInPredictions { get; set; } = 10_000;

    /// <summary>Gets or sets the period whose predictions make the reference for <see cref="ReferenceSource.FirstPeriod"/>.</summary>
    /// <value>The default value is one day.</value>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Gets or sets the number of fine bins per numeric feature (reference quantiles at k/Bins): the
    /// window's distribution state. KS and Wasserstein computed from windows are exact to within the
    /// largest reference share of one bin (about 1/Bins). A multiple of <see cref="PsiBins"/>.
    /// </summary>
    /// <value>The default value is 100.</value>
    [Range(2, 10_000)]
    public int Bins { get; set; } = 100;

    /// <summary>Gets or sets the number of PSI bins (reference deciles by default).</summary>
    /// <value>The default value is 10.</value>
    [Range(2, 1_000)]
    public int PsiBins { get; set; } = 10;
}

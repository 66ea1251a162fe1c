using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ModelWatch.Monitoring;

/// <summary>
/// How one model is monitored: its schema, windows, reference, detectors, alerts and sampling.
/// Named options: the name is the model's name.
/// </summary>
/// <remarks>
/// Kinds are enums; configuration gives their names in any case. A value that is not one of them
/// is reported at start-up together with every other configuration problem.
/// </remarks>
public sealed class ModelOptions
{
    /// <summary>Gets or sets the model's version; monitors are keyed by name and version.</summary>
    /// <value>The default value is "1".</value>
    public string Version { get; set; } = "1";

    /// <summary>Gets the features in logging order (numeric and categorical keep their own orders).</summary>
    public IList<FeatureOptions> Features { get; } = [];

    /// <summary>Gets or sets how the prediction is monitored.</summary>
    /// <value>The default value is <see cref="PredictionKind.Numeric"/>.</value>
    public PredictionKind Prediction { get; set; } = PredictionKind.Numeric;

    /// <summary>Gets or sets the window settings.</summary>
    [ValidateObjectMembers]
    public WindowOptions Window { get; set; } = new();

    /// <summary>Gets or sets where the reference comes from and how it is binned.</summary>
    [ValidateObjectMembers]
    public ReferenceOptions Reference { get; set; } = new();

    /// <summary>Gets or sets the drift detectors and thresholds.</summary>
    [ValidateObjectMembers]
    public DriftOptions Drift { get; set; } = new();

    /// <summary>Gets or sets when alerts are raised and cleared.</summary>
    [ValidateObjectMembers]
    public AlertOptions Alerts { get; set; } = new();

    /// <summary>Gets or sets how outcomes (late ground truth) are joined and scored, and when quality alerts fire.</summary>
    [ValidateObjectMembers]
    public QualityOptions Quality { get; set; } = new();

    /// <summary>Gets or sets how predictions are split into segments, each monitored besides the whole model (docs/segments.md).</summary>
    [ValidateObjectMembers]
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public SegmentOptions Segments { get; set; } = new();

    /// <summary>Gets or sets the fraction of predictions recorded, in (0, 1].</summary>
    /// <value>The default value is 1 (every prediction).</value>
    [Range(1e-6, 1.0)]
    public double SamplingRate { get; set; } = 1.0;

    /// <summary>
    /// Gets or sets a value indicating whether bad input throws (for development) instead of being
    /// counted: a wrong feature count, a non-finite value, an unknown category.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool Strict { get; set; }

    /// <summary>Gets or sets how many distinct values per categorical column a window counts exactly.</summary>
    /// <value>The default value is 1,000.</value>
    [Range(1, 1_000_000)]
    public int CategoryCapacity { get; set; } = DefaultCategoryCapacity;

    /// <summary>
    /// Gets the categorical features whose values are counted as keyed hashes instead of
    /// themselves (<see cref="CategoryHashing"/>; features that may carry personal data).
    /// </summary>
    public IList<string> HashedCategories { get; } = [];

    /// <summary>
    /// Gets or sets the secret key of <see cref="HashedCategories"/> (at least 16 characters; keep it
    /// out of source control and the same in every replica).
    /// </summary>
    public string? CategoryHashKey { get; set; }

    /// <summary>The default of <see cref="CategoryCapacity"/>.</summary>
    internal const int DefaultCategoryCapacity = 1_000;

    // Code-only parts are fields, which the configuration binder never touches.
#pragma warning disable SA1401, CA1051 // internal fields on purpose

    /// <summary>A reference given in code.</summary>
    internal ReferenceProfile? SuppliedReference;

    /// <summary>A reference factory given in code.</summary>
    internal Func<IServiceProvider, ReferenceProfile>? ReferenceFactory;

    /// <summary>Typed-input mappers given in code, by input type.</summary>
    internal readonly Dictionary<Type, Delegate> Mappers = [];
#pragma warning restore SA1401, CA1051
}

using ModelWatch.Drift;
using ModelWatch.Statistics;

namespace ModelWatch.Profiles;

/// <summary>
/// The statistics of one column: moments and a quantile sketch for a numeric column, bounded
/// category counts for a categorical one, with missing and non-finite counts. Mergeable.
/// </summary>
public sealed class FeatureProfile
{
    private FeatureProfile(string name, FeatureKind kind, bool isPrediction, Moments? moments, QuantileSketch? sketch, CategoryCounts? categories)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        IsPrediction = isPrediction;
        Moments = moments;
        Sketch = sketch;
        Categories = categories;
    }

    /// <summary>Gets the column's name.</summary>
    public string Name { get; }

    /// <summary>Gets the column's kind.</summary>
    public FeatureKind Kind { get; }

    /// <summary>Gets a value indicating whether the column is a model's prediction rather than an input.</summary>
    public bool IsPrediction { get; }

    /// <summary>Gets the moments of a numeric column (null for a categorical one).</summary>
    public Moments? Moments { get; }

    /// <summary>Gets the quantile sketch of a numeric column (null for a categorical one).</summary>
    public QuantileSketch? Sketch { get; }

    /// <summary>Gets the category counts of a categorical column (null for a numeric one).</summary>
    public CategoryCounts? Categories { get; }

    /// <summary>Gets the number of values present (finite numbers, or non-empty categories).</summary>
    public long Count => Moments?.Count ?? Categories!.Count;

    /// <summary>Gets the number of missing values (NaN, empty cells, null or empty categories).</summary>
    public long MissingCount => Moments?.MissingCount ?? Categories!.MissingCount;

    /// <summary>Gets the number of non-finite numbers (±Infinity).</summary>
    public long NonFiniteCount => Moments?.NonFiniteCount ?? 0;

    /// <summary>Creates an empty numeric column.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="isPrediction">Whether it is a model's prediction.</param>
    /// <param name="sketchK">The sketch's accuracy parameter (rank error about 3/K).</param>
    /// <returns>The column.</returns>
    public static FeatureProfile Numeric(string name, bool isPrediction = false, int sketchK = QuantileSketch.DefaultK) =>
        new(name, FeatureKind.Numeric, isPrediction, new Moments(), new QuantileSketch(sketchK), null);

    /// <summary>Creates an empty categorical column.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="isPrediction">Whether it is a model's prediction (a class).</param>
    /// <param name="capacity">Distinct values counted exactly (Space-Saving beyond).</param>
    /// <returns>The column.</returns>
    public static FeatureProfile Categorical(string name, bool isPrediction = false, int capacity = CategoryCounts.DefaultCapacity) =>
        new(name, FeatureKind.Categorical, isPrediction, null, null, new CategoryCounts(capacity));

    /// <summary>Builds a column from its parts (deserialization).</summary>
    internal static FeatureProfile FromParts(string name, FeatureKind kind, bool isPrediction, Moments? moments, QuantileSketch? sketch, CategoryCounts? categories) =>
        new(name, kind, isPrediction, moments, sketch, categories);

    /// <summary>Adds a numeric value (NaN counts as missing, ±Infinity as non-finite).</summary>
    /// <param name="value">The value.</param>
    public void Add(double value)
    {
        Moments!.Add(value);
        Sketch!.Add(value);
    }

    /// <summary>Adds a category (null or empty counts as missing).</summary>
    /// <param name="value">The value.</param>
    public void Add(string? value) => Categories!.Add(value);

    /// <summary>Adds another profile of the same column.</summary>
    /// <param name="other">The other column.</param>
    /// <exception cref="ArgumentException">The columns differ in name or kind.</exception>
    public void Merge(FeatureProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Name != Name || other.Kind != Kind)
        {
            throw new ArgumentException($"Column '{other.Name}' ({other.Kind}) cannot be merged into '{Name}' ({Kind}).", nameof(other));
        }

        if (Kind == FeatureKind.Numeric)
        {
            Moments!.Merge(other.Moments!);
            Sketch!.Merge(other.Sketch!);
        }
        else
        {
            Categories!.Merge(other.Categories!);
        }
    }

    /// <summary>A deep copy.</summary>
    /// <returns>The copy.</returns>
    public FeatureProfile Clone() => new(
        Name,
        Kind,
        IsPrediction,
        Moments is null ? null : Statistics.Moments.FromSnapshot(Moments.ToSnapshot()),
        Sketch?.Clone(),
        Categories is null ? null : CategoryCounts.FromSnapshot(Categories.ToSnapshot()));
}

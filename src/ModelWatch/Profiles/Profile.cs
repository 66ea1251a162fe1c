using ModelWatch.Drift;
using ModelWatch.Monitoring;

namespace ModelWatch.Profiles;

/// <summary>
/// The statistics of a data set, a model's reference or a window of its traffic, column by
/// column: what ModelWatch stores, ships between replicas and compares, instead of raw rows.
/// Profiles of the same columns merge (<see cref="Merge"/>): counts and moments exactly, quantiles
/// within the sketch's rank-error bound. Saved and loaded with <see cref="ProfileFile"/> (<c>.mwp</c>).
/// </summary>
/// <remarks>Not thread-safe: build or merge on one thread, then share read-only.</remarks>
public sealed partial class Profile
{
    private readonly FeatureProfile[] _features;

    /// <summary>Initializes a new instance of the <see cref="Profile"/> class.</summary>
    /// <param name="kind">What the profile describes.</param>
    /// <param name="features">The columns (names unique).</param>
    /// <exception cref="ArgumentException">Two columns share a name, or there is none.</exception>
    public Profile(ProfileKind kind, IEnumerable<FeatureProfile> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Kind = kind;
        _features = [.. features];
        if (_features.Length == 0)
        {
            throw new ArgumentException("A profile needs at least one column.", nameof(features));
        }

        var duplicate = _features.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Column '{duplicate.Key}' appears more than once.", nameof(features));
        }

        if (_features.Count(f => f.IsPrediction) > 1)
        {
            throw new ArgumentException("A profile has at most one prediction column.", nameof(features));
        }
    }

    /// <summary>Gets what the profile describes.</summary>
    public ProfileKind Kind { get; }

    /// <summary>Gets or sets the model's name (reference and window profiles).</summary>
    public string? ModelName { get; set; }

    /// <summary>Gets or sets the model's version.</summary>
    public string? ModelVersion { get; set; }

    /// <summary>Gets or sets the start of the window (or of the earliest merged window).</summary>
    public DateTimeOffset? WindowStart { get; set; }

    /// <summary>Gets or sets the end of the window, exclusive (or of the latest merged window).</summary>
    public DateTimeOffset? WindowEnd { get; set; }

    /// <summary>Gets or sets when the profile was made.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Gets or sets the number of rows profiled.</summary>
    public long Rows { get; set; }

    /// <summary>Gets the columns, in order.</summary>
    public IReadOnlyList<FeatureProfile> Features => _features;

    /// <summary>Gets a column by name, or null.</summary>
    /// <param name="name">The column's name.</param>
    /// <returns>The column, or null.</returns>
    public FeatureProfile? Find(string name) => Array.Find(_features, f => f.Name == name);

    /// <summary>Gets the schema the profile's columns form (numeric and categorical inputs, and the prediction's kind).</summary>
    public ModelSchema Schema
    {
        get
        {
            var prediction = _features.FirstOrDefault(f => f.IsPrediction);
            var kind = prediction is null ? PredictionKind.None : prediction.Kind == FeatureKind.Numeric ? PredictionKind.Numeric : PredictionKind.Categorical;
            return new ModelSchema(
                _features.Where(f => !f.IsPrediction && f.Kind == FeatureKind.Numeric).Select(f => f.Name),
                _features.Where(f => !f.IsPrediction && f.Kind == FeatureKind.Categorical).Select(f => f.Name),
                kind);
        }
    }

    /// <summary>The same profile (kind, model, window, rows) with other columns, e.g. these columns transformed.</summary>
    internal Profile WithFeatures(IEnumerable<FeatureProfile> features) => new(Kind, features)
    {
        ModelName = ModelName,
        ModelVersion = ModelVersion,
        WindowStart = WindowStart,
        WindowEnd = WindowEnd,
        CreatedAt = CreatedAt,
        Rows = Rows,
    };

    /// <summary>The same profile with these columns and each segment's profile likewise transformed.</summary>
    internal Profile WithFeatures(Func<Profile, IEnumerable<FeatureProfile>> features)
    {
        var copy = WithFeatures(features(this));
        foreach (var (name, segment) in _segments)
        {
            copy.SetSegment(name, segment.WithFeatures(features(segment)));
        }

        return copy;
    }

    /// <summary>
    /// Merges profiles of the same columns (e.g. the same window from several replicas, or
    /// consecutive windows): counts and moments add exactly, sketches and category counts merge
    /// within their bounds, window bounds span all of them. The inputs are not changed.
    /// </summary>
    /// <param name="profiles">The profiles; at least one.</param>
    /// <returns>The merged profile.</returns>
    /// <exception cref="ArgumentException">No profile, their columns differ, or their counts would overflow.</exception>
    public static Profile Merge(IEnumerable<Profile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var all = profiles.ToList();
        if (all.Count == 0)
        {
            throw new ArgumentException("Nothing to merge.", nameof(profiles));
        }

        CheckCountsFit(all);
        var first = all[0];
        var features = first._features.Select(f => f.Clone()).ToArray();
        foreach (var other in all.Skip(1))
        {
            if (other._features.Length != features.Length)
            {
                throw new ArgumentException($"Profiles with different columns cannot be merged ({features.Length} and {other._features.Length} columns).", nameof(profiles));
            }

            for (int i = 0; i < features.Length; i++)
            {
                try
                {
                    features[i].Merge(other._features[i]);
                }
                catch (OverflowException ex)
                {
                    throw new ArgumentException($"Column '{features[i].Name}' cannot be merged: {ex.Message}", nameof(profiles), ex);
                }
            }
        }

        var merged = new Profile(all.All(p => p.Kind == first.Kind) ? first.Kind : ProfileKind.Dataset, features)
        {
            ModelName = all.All(p => p.ModelName == first.ModelName) ? first.ModelName : null,
            ModelVersion = all.All(p => p.ModelVersion == first.ModelVersion) ? first.ModelVersion : null,
            WindowStart = all.Min(p => p.WindowStart),
            WindowEnd = all.Max(p => p.WindowEnd),
            CreatedAt = all.Max(p => p.CreatedAt),
            Rows = all.Sum(p => p.Rows),
        };
        MergeSegments(all, merged);
        return merged;
    }

    /// <summary>
    /// Refuses a merge whose totals would not fit a 64-bit count (only a damaged or hostile file claims
    /// such counts): the sums are checked before anything is merged, so no count wraps around.
    /// </summary>
    private static void CheckCountsFit(List<Profile> all)
    {
        try
        {
            long rows = 0;
            foreach (var p in all)
            {
                rows = checked(rows + p.Rows);
            }

            int columns = all.Min(p => p._features.Length);
            for (int i = 0; i < columns; i++)
            {
                long values = 0, sketch = 0, categories = 0;
                foreach (var p in all)
                {
                    var f = p._features[i];
                    if (f.Moments is { } m)
                    {
                        values = checked(values + m.Count + m.MissingCount + m.NonFiniteCount);
                    }

                    if (f.Sketch is { } k)
                    {
                        sketch = checked(sketch + k.Count + k.MissingCount + k.NonFiniteCount);
                    }

                    if (f.Categories is { } c)
                    {
                        categories = checked(categories + c.Count + c.MissingCount + c.TruncatedCount + c.ErrorBound);
                    }
                }
            }
        }
        catch (OverflowException ex)
        {
            throw new ArgumentException("The profiles' counts are too large to merge (more than 2^63 values): a damaged or hostile profile.", nameof(all), ex);
        }
    }

    /// <summary>
    /// Freezes the profile into a <see cref="ReferenceProfile"/> for a monitor: quantile edges at
    /// k/<paramref name="bins"/> from each sketch (their counts carry the sketch's rank error) and the
    /// categories with their counts.
    /// </summary>
    /// <param name="bins">Fine bins per numeric column.</param>
    /// <param name="psiBins">PSI bins (a divisor of <paramref name="bins"/>).</param>
    /// <returns>
    /// The reference. A numeric column whose sketch still holds every value (at most the sketch's K,
    /// 600 by default) keeps those values, sorted, so a monitor with
    /// <see cref="DriftOptions.ExactSamplesUpTo"/> evaluates KS and Wasserstein exactly against it.
    /// </returns>
    /// <exception cref="InvalidOperationException">A column holds no value.</exception>
    public ReferenceProfile ToReference(int bins = 100, int psiBins = 10) => ToReference(bins, psiBins, long.MaxValue);

    /// <summary>As <see cref="ToReference(int, int)"/>, keeping a column's values only when it has at most <paramref name="keepValuesUpTo"/>.</summary>
    internal ReferenceProfile ToReference(int bins, int psiBins, long keepValuesUpTo)
    {
        var schema = Schema;
        var numeric = schema.NumericColumns.Select(name =>
        {
            var f = Column(name);
            var m = f.Moments!;
            if (m.Count == 0)
            {
                throw new InvalidOperationException($"Numeric column '{name}' has no finite value.");
            }

            var stats = new ReferenceProfileBuilder.ColumnStatistics(m.Mean, m.PopulationStandardDeviation, m.Min, m.Max, m.MissingCount, m.NonFiniteCount);
            return ReferenceProfileBuilder.NumericFromSketch(name, f.Sketch!, stats, bins, psiBins, keepValuesUpTo);
        }).ToArray();
        var categorical = schema.CategoricalColumns.Select(name =>
        {
            var counts = Column(name).Categories!;
            if (counts.Count == 0)
            {
                throw new InvalidOperationException($"Categorical column '{name}' has no value.");
            }

            var list = counts.GetCounts();
            return new CategoricalReference(name, [.. list.Select(x => x.Value)], [.. list.Select(x => x.LowerBound)], counts.MissingCount);
        }).ToArray();
        return WithSegmentReferences(new ReferenceProfile(schema, numeric, categorical, Rows, bins, psiBins));
    }

    /// <summary>The column behind a schema column (the schema names the prediction "prediction").</summary>
    private FeatureProfile Column(string schemaColumn) =>
        _features.FirstOrDefault(f => f.IsPrediction && schemaColumn == ModelSchema.PredictionColumn) ?? Find(schemaColumn)!;
}

using ModelWatch.Statistics;

namespace ModelWatch.Profiles;

/// <summary>
/// Profiles rows as they stream past (a CSV file, a query result, training data): per numeric
/// column moments and a quantile sketch, per categorical column bounded category counts. Memory is
/// bounded whatever the number of rows (about 50 KB per numeric column at 10^7 rows).
/// </summary>
/// <remarks>Single-writer: add rows from one thread (profile partitions separately and <see cref="Profile.Merge"/> them).</remarks>
public sealed partial class ProfileBuilder
{
    private readonly FeatureProfile[] _numeric;
    private readonly FeatureProfile[] _categorical;
    private long _rows;

    /// <summary>Initializes a new instance of the <see cref="ProfileBuilder"/> class.</summary>
    /// <param name="numericColumns">Names of the numeric columns, in the order rows give them.</param>
    /// <param name="categoricalColumns">Names of the categorical columns, in the order rows give them.</param>
    /// <param name="sketchK">The quantile sketches' accuracy parameter (rank error about 3/K).</param>
    /// <param name="categoryCapacity">Distinct values per categorical column counted exactly.</param>
    public ProfileBuilder(IEnumerable<string> numericColumns, IEnumerable<string>? categoricalColumns = null, int sketchK = QuantileSketch.DefaultK, int categoryCapacity = CategoryCounts.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(numericColumns);
        _numeric = [.. numericColumns.Select(n => FeatureProfile.Numeric(n, sketchK: sketchK))];
        _categorical = [.. (categoricalColumns ?? []).Select(n => FeatureProfile.Categorical(n, capacity: categoryCapacity))];
        _sketchK = sketchK;
        _categoryCapacity = categoryCapacity;
        if (_numeric.Length + _categorical.Length == 0)
        {
            throw new ArgumentException("A profile needs at least one column.", nameof(numericColumns));
        }
    }

    /// <summary>Gets the number of rows added.</summary>
    public long Rows => _rows;

    /// <summary>Adds a row.</summary>
    /// <param name="numeric">The numeric values (NaN: missing).</param>
    /// <param name="categorical">The categorical values (null or empty: missing).</param>
    /// <exception cref="ArgumentException">The row's length does not match the columns.</exception>
    public void Add(ReadOnlySpan<double> numeric, ReadOnlySpan<string?> categorical)
    {
        if (numeric.Length != _numeric.Length || categorical.Length != _categorical.Length)
        {
            throw new ArgumentException($"Expected {_numeric.Length} numeric and {_categorical.Length} categorical values; got {numeric.Length} and {categorical.Length}.", nameof(numeric));
        }

        AddToSegment(numeric, categorical);

        for (int c = 0; c < numeric.Length; c++)
        {
            _numeric[c].Add(numeric[c]);
        }

        for (int c = 0; c < categorical.Length; c++)
        {
            _categorical[c].Add(categorical[c]);
        }

        _rows++;
    }

    /// <summary>Adds a numeric value to one column (for readers that fill a row column by column; call <see cref="EndRow"/> after each row).</summary>
    /// <param name="column">The numeric column's index.</param>
    /// <param name="value">The value.</param>
    public void AddNumeric(int column, double value)
    {
        ThrowIfSegmented();
        _numeric[column].Add(value);
    }

    /// <summary>Adds a categorical value to one column (call <see cref="EndRow"/> after each row).</summary>
    /// <param name="column">The categorical column's index.</param>
    /// <param name="value">The value.</param>
    public void AddCategorical(int column, string? value)
    {
        ThrowIfSegmented();
        _categorical[column].Add(value);
    }

    /// <summary>Counts a row filled through <see cref="AddNumeric"/> and <see cref="AddCategorical"/>.</summary>
    public void EndRow() => _rows++;

    /// <summary>Makes the profile: a copy, so the builder can go on.</summary>
    /// <param name="kind">What the profile describes.</param>
    /// <returns>The profile, numeric columns first.</returns>
    public Profile Build(ProfileKind kind = ProfileKind.Dataset)
    {
        var profile = new Profile(kind, [.. _numeric.Select(f => f.Clone()), .. _categorical.Select(f => f.Clone())]) { Rows = _rows };
        AddSegmentsTo(profile, kind);
        return profile;
    }
}

using ModelWatch.Statistics;

namespace ModelWatch.Monitoring;

/// <summary>A reference's segments: rows added with a segment name build each segment's reference too (docs/segments.md).</summary>
public sealed partial class ReferenceProfileBuilder
{
    private readonly Dictionary<string, SegmentColumns> _segments = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets how many segments the reference describes at most: the first names to appear; rows of
    /// later names (and rows without one) count in the whole reference only, and such segments follow the
    /// production rules in the runtime.
    /// </summary>
    /// <value>The default value is 100 (<see cref="SegmentOptions.DefaultMaxSegments"/>).</value>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public int MaxSegments
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10_000);
            field = value;
        }
    } = SegmentOptions.DefaultMaxSegments;

    /// <summary>
    /// Adds a row of a segment: to the whole reference, and to the segment's own, which the built
    /// profile carries in <see cref="ReferenceProfile.Segments"/> over the whole reference's bins and
    /// categories (a model segmented by these names then judges each segment against its own reference).
    /// </summary>
    /// <param name="numericFeatures">The numeric features in schema order.</param>
    /// <param name="categoricalFeatures">The categorical features in schema order.</param>
    /// <param name="prediction">The prediction: a number, or a class index for a categorical prediction.</param>
    /// <param name="segment">The row's segment name, as the model names it (a value, values joined by
    /// <see cref="SegmentNames.Separator"/>, or the key); null or empty: no segment.</param>
    /// <exception cref="ArgumentException">The row does not fit the schema.</exception>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public void Add(ReadOnlySpan<double> numericFeatures, ReadOnlySpan<string?> categoricalFeatures, double prediction, string? segment)
    {
        Add(numericFeatures, categoricalFeatures, prediction);
        if (string.IsNullOrEmpty(segment) || segment == SegmentNames.Other)
        {
            return;
        }

        if (!_segments.TryGetValue(segment, out var columns))
        {
            if (_segments.Count >= MaxSegments)
            {
                return;
            }

            _segments[segment] = columns = new SegmentColumns(_schema, _categoryCapacity);
        }

        columns.Add(_schema, numericFeatures, categoricalFeatures, prediction);
    }

    /// <summary>Attaches each segment's reference over <paramref name="whole"/>'s bins and categories.</summary>
    private ReferenceProfile WithSegments(ReferenceProfile whole)
    {
        if (_segments.Count == 0)
        {
            return whole;
        }

        var segments = new Dictionary<string, ReferenceProfile>(StringComparer.Ordinal);
        foreach (var (name, columns) in _segments)
        {
            if (ReferenceProfile.SegmentOver(whole, columns.Rows, c => (columns.Sketches[c], columns.Moments[c]), c => columns.Categories[c]) is { } reference)
            {
                segments[name] = reference;
            }
        }

        return whole.WithSegments(segments);
    }

    /// <summary>One segment's summaries: a quantile sketch and moments per numeric column, counts per categorical column (the prediction included).</summary>
    private sealed class SegmentColumns
    {
        public SegmentColumns(ModelSchema schema, int categoryCapacity)
        {
            Sketches = [.. schema.NumericColumns.Select(_ => new QuantileSketch())];
            Moments = [.. schema.NumericColumns.Select(_ => new Moments())];
            Categories = [.. schema.CategoricalColumns.Select(_ => new CategoryCounts(Math.Min(categoryCapacity, CategoryCounts.DefaultCapacity)))];
        }

        public QuantileSketch[] Sketches { get; }

        public Moments[] Moments { get; }

        public CategoryCounts[] Categories { get; }

        public long Rows { get; private set; }

        public void Add(ModelSchema schema, ReadOnlySpan<double> numeric, ReadOnlySpan<string?> categorical, double prediction)
        {
            for (int c = 0; c < numeric.Length; c++)
            {
                AddNumeric(c, numeric[c]);
            }

            for (int c = 0; c < categorical.Length; c++)
            {
                Categories[c].Add(categorical[c]);
            }

            switch (schema.Prediction)
            {
                case PredictionKind.Numeric:
                    AddNumeric(numeric.Length, prediction);
                    break;
                case PredictionKind.Categorical:
                    Categories[categorical.Length].Add(ClassLabels.Of(prediction));
                    break;
            }

            Rows++;
        }

        private void AddNumeric(int c, double value)
        {
            Moments[c].Add(value);
            if (double.IsFinite(value))
            {
                Sketches[c].Add(value);
            }
        }
    }
}

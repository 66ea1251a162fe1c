using ModelWatch.Monitoring;

namespace ModelWatch.Profiles;

/// <summary>
/// A segmented profile's builder: besides the whole data set, a profile per value of one categorical
/// column (at most <c>maxSegments</c>, the first values to appear; the rest, and missing values, in
/// <see cref="SegmentNames.Other"/>), as a segmented model counts its rows (docs/segments.md).
/// </summary>
public sealed partial class ProfileBuilder
{
    private readonly int _sketchK;
    private readonly int _categoryCapacity;
    private int _segmentColumn = -1;
    private int _maxSegments;
    private Dictionary<string, ProfileBuilder>? _segments;

    /// <summary>
    /// Builds a profile per value of <paramref name="categoricalColumn"/> too (<see cref="Profile.Segments"/>).
    /// Call before the first row; a segmented builder takes whole rows (<see cref="Add"/>).
    /// </summary>
    /// <param name="categoricalColumn">One of the builder's categorical columns.</param>
    /// <param name="maxSegments">Segments kept at most, besides "(other)".</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The column is not one of the builder's categorical columns.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSegments"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">Rows were added already.</exception>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public ProfileBuilder SegmentBy(string categoricalColumn, int maxSegments = SegmentOptions.DefaultMaxSegments)
    {
        ArgumentNullException.ThrowIfNull(categoricalColumn);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        if (_rows > 0)
        {
            throw new InvalidOperationException("Declare the segment column before adding rows.");
        }

        int column = Array.FindIndex(_categorical, f => f.Name == categoricalColumn);
        if (column < 0)
        {
            throw new ArgumentException($"'{categoricalColumn}' is not a categorical column of this builder.", nameof(categoricalColumn));
        }

        _segmentColumn = column;
        _maxSegments = maxSegments;
        _segments = new Dictionary<string, ProfileBuilder>(StringComparer.Ordinal);
        return this;
    }

    /// <summary>Adds a row to its segment's builder (segmented builders only).</summary>
    private void AddToSegment(ReadOnlySpan<double> numeric, ReadOnlySpan<string?> categorical)
    {
        if (_segments is null)
        {
            return;
        }

        string? value = categorical[_segmentColumn];
        string name = string.IsNullOrEmpty(value) || value == SegmentNames.Other ? SegmentNames.Other : value;
        if (!_segments.TryGetValue(name, out var segment))
        {
            if (name != SegmentNames.Other && _segments.Keys.Count(k => k != SegmentNames.Other) >= _maxSegments)
            {
                name = SegmentNames.Other;
            }

            if (!_segments.TryGetValue(name, out segment))
            {
                segment = _segments[name] = new ProfileBuilder(_numeric.Select(f => f.Name), _categorical.Select(f => f.Name), _sketchK, _categoryCapacity);
            }
        }

        segment.Add(numeric, categorical);
    }

    private void AddSegmentsTo(Profile profile, ProfileKind kind)
    {
        foreach (var (name, segment) in _segments ?? [])
        {
            profile.SetSegment(name, segment.Build(kind));
        }
    }

    private void ThrowIfSegmented()
    {
        if (_segments is not null)
        {
            throw new InvalidOperationException("A segmented builder takes whole rows: use Add.");
        }
    }
}

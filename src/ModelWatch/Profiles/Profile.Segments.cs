using ModelWatch.Monitoring;

namespace ModelWatch.Profiles;

/// <summary>A profile's segments: the profile of each segment's rows, by segment name (docs/segments.md).</summary>
public sealed partial class Profile
{
    private readonly Dictionary<string, Profile> _segments = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets the profile of each segment's rows, by segment name (empty when the profile is not
    /// segmented). Every row of the profile is in exactly one segment, <c>(other)</c> included.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public IReadOnlyDictionary<string, Profile> Segments => _segments;

    /// <summary>Sets the profile of one segment's rows.</summary>
    /// <param name="name">The segment's name.</param>
    /// <param name="segment">The segment's profile: the same columns as this profile, not segmented itself.</param>
    /// <exception cref="ArgumentException">The name is empty, the columns differ, or the segment profile has segments.</exception>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public void SetSegment(string name, Profile segment)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(segment);
        if (segment._segments.Count > 0)
        {
            throw new ArgumentException($"Segment '{name}': a segment's profile is not segmented itself.", nameof(segment));
        }

        if (segment._features.Length != _features.Length || !segment._features.Select(f => f.Name).SequenceEqual(_features.Select(f => f.Name), StringComparer.Ordinal))
        {
            throw new ArgumentException($"Segment '{name}' has other columns than the profile.", nameof(segment));
        }

        _segments[name] = segment;
    }

    /// <summary>
    /// Attaches to <paramref name="whole"/> (this profile's reference) each segment's reference over its
    /// bins and categories (<see cref="ReferenceProfile.Segments"/>). "(other)" is left out: its rows
    /// are a mix that says nothing about another data set's "(other)".
    /// </summary>
    private ReferenceProfile WithSegmentReferences(ReferenceProfile whole)
    {
        if (_segments.Count == 0)
        {
            return whole;
        }

        var schema = whole.Schema;
        var segments = new Dictionary<string, ReferenceProfile>(StringComparer.Ordinal);
        foreach (var (name, segment) in _segments)
        {
            if (name == SegmentNames.Other)
            {
                continue;
            }

            var reference = ReferenceProfile.SegmentOver(
                whole,
                segment.Rows,
                c => (segment.Column(schema.NumericColumns[c]).Sketch!, segment.Column(schema.NumericColumns[c]).Moments!),
                c => segment.Column(schema.CategoricalColumns[c]).Categories!);
            if (reference is not null)
            {
                segments[name] = reference;
            }
        }

        return whole.WithSegments(segments);
    }

    /// <summary>
    /// Merges the inputs' segments by name into <paramref name="merged"/>: a segment some inputs
    /// lack (a replica that counted its rows in "(other)") is merged from those that have it, so every
    /// row stays in exactly one segment of the merged profile.
    /// </summary>
    private static void MergeSegments(List<Profile> all, Profile merged)
    {
        var names = all.SelectMany(p => p._segments.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (string name in names)
        {
            var parts = all.Where(p => p._segments.ContainsKey(name)).Select(p => p._segments[name]).ToList();
            merged._segments[name] = Merge(parts);
        }
    }
}

using ModelWatch.Drift;
using ModelWatch.Monitoring;

namespace ModelWatch.Profiles;

/// <summary>Segment by segment: each segment of the current profile against the same segment of the reference.</summary>
public static partial class ProfileComparison
{
    /// <summary>
    /// Compares two segmented profiles (<see cref="ProfileBuilder.SegmentBy"/>): the whole data sets,
    /// then each segment of <paramref name="current"/> with the same segment of <paramref name="reference"/>,
    /// with every segment × column p-value corrected together (docs/segments.md). A segment the
    /// reference lacks is reported as <see cref="SegmentStatus.NoReference"/>, one with fewer rows than
    /// <paramref name="minRows"/> on either side as <see cref="SegmentStatus.TooFewPredictions"/>; neither is judged.
    /// </summary>
    /// <param name="reference">The reference profile, segmented.</param>
    /// <param name="current">The current profile, segmented by the same column.</param>
    /// <param name="segmentColumn">The column that names the segments (not tested within them).</param>
    /// <param name="drift">Detector settings and thresholds (null: the defaults).</param>
    /// <param name="correction">The correction across segments × columns.</param>
    /// <param name="minRows">Rows a segment needs on each side to be judged.</param>
    /// <returns>The whole data sets' report, with <see cref="DriftReport.Segments"/>.</returns>
    /// <exception cref="ArgumentException">The profiles' columns differ, or a setting is invalid.</exception>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public static DriftReport CompareSegments(
        Profile reference, Profile current, string segmentColumn, DriftOptions? drift = null,
        MultipleTestingCorrection correction = MultipleTestingCorrection.BenjaminiHochberg, long minRows = SegmentOptions.DefaultMinPredictions)
    {
        ArgumentNullException.ThrowIfNull(segmentColumn);
        return CompareSegmentsBy(reference, current, [segmentColumn], drift, correction, minRows);
    }

    /// <summary>
    /// Compares two profiles segmented by a combination of columns (segment names are their values
    /// joined by <see cref="SegmentNames.Separator"/>), as <see cref="CompareSegments(Profile, Profile, string, DriftOptions?, MultipleTestingCorrection, long)"/> does for one column.
    /// </summary>
    /// <param name="reference">The reference profile, segmented.</param>
    /// <param name="current">The current profile, segmented by the same columns.</param>
    /// <param name="segmentColumns">The columns that name the segments (not tested within them).</param>
    /// <param name="drift">Detector settings and thresholds (null: the defaults).</param>
    /// <param name="correction">The correction across segments × columns.</param>
    /// <param name="minRows">Rows a segment needs on each side to be judged.</param>
    /// <returns>The whole data sets' report, with <see cref="DriftReport.Segments"/>.</returns>
    /// <exception cref="ArgumentException">The profiles' columns differ, no segment column is given, or a setting is invalid.</exception>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public static DriftReport CompareSegmentsBy(
        Profile reference, Profile current, IReadOnlyList<string> segmentColumns, DriftOptions? drift = null,
        MultipleTestingCorrection correction = MultipleTestingCorrection.BenjaminiHochberg, long minRows = SegmentOptions.DefaultMinPredictions)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(segmentColumns);
        if (segmentColumns.Count == 0)
        {
            throw new ArgumentException("Name at least one segment column.", nameof(segmentColumns));
        }

        var whole = Compare(reference, current, drift);

        // Within a segment the naming columns hold one value, or none at all (the missing values that
        // `(other)` collects), so they are left out of the segment's comparison rather than frozen
        // into a reference they may have no value for.
        var naming = new HashSet<string>(segmentColumns, StringComparer.Ordinal);
        Profile Tested(Profile segment) =>
            segment.Features.Any(f => f.IsPrediction || !naming.Contains(f.Name))
                ? segment.WithFeatures(segment.Features.Where(f => f.IsPrediction || !naming.Contains(f.Name)))
                : segment;
        var evaluated = new List<SegmentEvaluator.Evaluated>();
        foreach (var (name, segment) in current.Segments.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (!reference.Segments.TryGetValue(name, out var own) || own.Rows == 0)
            {
                evaluated.Add(new(name, Counts(whole, segment), SegmentStatus.NoReference, SegmentReferenceBasis.Segment));
                continue;
            }

            if (segment.Rows < minRows || own.Rows < minRows)
            {
                evaluated.Add(new(name, Counts(whole, segment), SegmentStatus.TooFewPredictions, SegmentReferenceBasis.Segment));
                continue;
            }

            evaluated.Add(new(name, Compare(Tested(own), Tested(segment), drift), SegmentStatus.Evaluated, SegmentReferenceBasis.Segment));
        }

        whole.Segments = SegmentEvaluator.Conclude(evaluated, new SegmentEvaluator.Rules((drift ?? new DriftOptions()).DatasetDriftShare, correction, [.. segmentColumns]));
        return whole;
    }

    /// <summary>A segment's rows without a verdict.</summary>
    private static DriftReport Counts(DriftReport whole, Profile segment) => new()
    {
        ModelName = whole.ModelName,
        ModelVersion = whole.ModelVersion,
        Status = DriftReportStatus.NoReference,
        IsComplete = true,
        WindowStart = segment.WindowStart,
        WindowEnd = segment.WindowEnd,
        EvaluatedAt = whole.EvaluatedAt,
        Predictions = segment.Rows,
    };
}

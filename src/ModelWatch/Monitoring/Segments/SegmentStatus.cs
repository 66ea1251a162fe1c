namespace ModelWatch.Monitoring;

/// <summary>Whether a segment's window was judged.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SegmentJsonConverter))]
[System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
public enum SegmentStatus
{
    /// <summary>The segment's window was compared with its reference under the segment-wide correction.</summary>
    Evaluated = 0,

    /// <summary>The segment's window held fewer predictions than <see cref="SegmentOptions.MinPredictions"/>: reported, not judged.</summary>
    TooFewPredictions = 1,

    /// <summary>The segment has no reference of its own yet (its first predictions are being gathered into one, <see cref="SegmentOptions.ReferenceSize"/>): reported, not judged.</summary>
    NoReference = 2,
}

namespace ModelWatch.Monitoring;

/// <summary>What a segment's window was compared with.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SegmentJsonConverter))]
[System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
public enum SegmentReferenceBasis
{
    /// <summary>The whole model's reference: the segment has no reference of its own.</summary>
    WholeModel = 0,

    /// <summary>The segment's own reference, gathered from its first predictions in production.</summary>
    Segment = 1,

    /// <summary>The segment's reference from the model's segmented reference profile (<see cref="ReferenceProfile.Segments"/>).</summary>
    Profile = 2,
}

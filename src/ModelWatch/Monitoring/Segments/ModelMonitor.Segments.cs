namespace ModelWatch.Monitoring;

/// <summary>The monitor's segment state (docs/segments.md).</summary>
internal sealed partial class ModelMonitor
{
    /// <summary>The segment state of a segmented model (null otherwise).</summary>
    internal MonitorSegments? Segments => _segments;

    /// <summary>
    /// Segment slots per accumulator of a layout with a reference (0: not segmented). Before a
    /// reference exists rows count in the whole model only: segments are compared with a reference.
    /// </summary>
    internal int SegmentSlots => _segments?.Keys.Slots ?? 0;
}

using System.ComponentModel.DataAnnotations;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>
/// How a model's predictions are split into segments (a country, a device type, a tenant), each
/// monitored with the model's detectors in addition to the whole model (docs/segments.md).
/// </summary>
/// <remarks>
/// A model has one segmentation: by the values of one or more categorical features
/// (<see cref="By"/>; several features make one segment per combination), or by an explicit key
/// given with each prediction (<see cref="ByKey"/>, <see cref="PredictionEntry.Segment"/>). At most
/// <see cref="MaxSegments"/> segments are tracked; every other prediction counts in the
/// <see cref="SegmentNames.Other"/> segment.
/// </remarks>
[System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
public sealed class SegmentOptions
{
    /// <summary>The default of <see cref="MaxSegments"/>.</summary>
    public const int DefaultMaxSegments = 100;

    /// <summary>The default of <see cref="MinPredictions"/>.</summary>
    public const long DefaultMinPredictions = 100;

    /// <summary>Gets the categorical features whose values (or combinations of values) name the segments.</summary>
    public IList<string> By { get; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether segments are named by an explicit key passed with each
    /// prediction (<see cref="PredictionEntry.Segment"/>) rather than by features.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool ByKey { get; set; }

    /// <summary>
    /// Gets the segments tracked from the start, in this order (names as reported: a value, or values
    /// joined by <see cref="SegmentNames.Separator"/>), never evicted; later segments take the remaining places as they
    /// appear, and once every place is taken a heavier newcomer replaces the lightest segment not named here at a
    /// window's close (admission by weight, docs/segments.md).
    /// </summary>
    public IList<string> Track { get; } = [];

    /// <summary>Gets or sets how many segments are tracked at most, besides <see cref="SegmentNames.Other"/>.</summary>
    /// <value>The default value is 100.</value>
    [Range(1, 10_000)]
    public int MaxSegments { get; set; } = DefaultMaxSegments;

    /// <summary>
    /// Gets or sets how many predictions a segment's window needs before it is judged; a segment with
    /// fewer is reported as <see cref="SegmentStatus.TooFewPredictions"/>, not judged.
    /// </summary>
    /// <value>The default value is 100.</value>
    [Range(1, long.MaxValue)]
    public long MinPredictions { get; set; } = DefaultMinPredictions;

    /// <summary>
    /// Gets or sets the correction applied across every segment × feature test of a window, so that
    /// hundreds of segments do not turn the significance level into a stream of false alarms.
    /// </summary>
    /// <value>The default value is <see cref="MultipleTestingCorrection.BenjaminiHochberg"/>.</value>
    public MultipleTestingCorrection Correction { get; set; } = MultipleTestingCorrection.BenjaminiHochberg;

    /// <summary>
    /// Gets or sets how many of a segment's first predictions (once the model has a reference) form the
    /// segment's own reference, over the model reference's bins and categories; until then the
    /// segment is reported as <see cref="SegmentStatus.NoReference"/>, not judged. 0 compares every
    /// segment with the whole model's reference instead (right when segments share the whole
    /// population's distribution, e.g. tenants of one product).
    /// </summary>
    /// <value>The default value is 1,000.</value>
    [Range(0, long.MaxValue)]
    public long ReferenceSize { get; set; } = DefaultReferenceSize;

    /// <summary>The default of <see cref="ReferenceSize"/>.</summary>
    public const long DefaultReferenceSize = 1_000;

    /// <summary>
    /// Gets or sets a value indicating whether drift gauges per segment × feature are exported too
    /// (<c>modelwatch.segment.feature.drift.*</c>). Off by default: they multiply the series count by
    /// the number of columns (docs/segments.md gives the formula), and the OpenTelemetry SDK keeps
    /// 2,000 series per instrument unless its cardinality limit is raised.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool FeatureMetrics { get; set; }

    /// <summary>
    /// Gets or sets how many complete windows of a segment (each with at least <see cref="MinPredictions"/>
    /// predictions) set the segment's multivariate drift thresholds, for a model that detects multivariate
    /// drift; until then the segment's <see cref="MultivariateDriftResult.IsCalibrating"/> is set. Null: the
    /// model's <c>calibrationWindows</c> when its detector is fitted on production, else 10 (NannyML's
    /// 10 reference chunks).
    /// </summary>
    /// <value>The default value is null.</value>
    [Range(2, 1_000)]
    public int? MultivariateCalibrationWindows { get; set; }

    /// <summary>The calibration windows of a segment's multivariate thresholds when neither <see cref="MultivariateCalibrationWindows"/> nor the model's production detector says (NannyML's 10 reference chunks).</summary>
    internal const int DefaultMultivariateCalibrationWindows = 10;

    /// <summary>
    /// Gets or sets the share of judged segments that, once drifted in a closed window
    /// (<see cref="DriftReport.DriftedSegmentShare"/> at or above it), counts that window against the
    /// model for a model-level alert with the model's hysteresis (a <see cref="DriftAlert"/> whose
    /// <see cref="DriftAlert.DriftedSegmentShare"/> is set); null: no such alert. Between 0 (exclusive) and 1.
    /// </summary>
    /// <value>The default value is null (off).</value>
    public double? AlertShare { get; set; }

    /// <summary>Gets a value indicating whether the model is segmented at all.</summary>
    internal bool IsSegmented => By.Count > 0 || ByKey;
}

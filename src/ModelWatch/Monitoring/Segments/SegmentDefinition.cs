using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>A model's segmentation, converted once from <see cref="SegmentOptions"/> that passed validation.</summary>
internal sealed class SegmentDefinition
{
    public SegmentDefinition(SegmentOptions o, ModelSchema schema)
    {
        ByKey = o.ByKey;
        ColumnNames = [.. o.By];
        Columns = [.. o.By.Select(name => Array.IndexOf(schema.CategoricalFeatures.ToArray(), name))];
        MaxSegments = o.MaxSegments;
        MinPredictions = o.MinPredictions;
        Correction = o.Correction;
        Track = [.. o.Track];
        FeatureMetrics = o.FeatureMetrics;
        ReferenceSize = o.ReferenceSize;
        MultivariateCalibrationWindows = o.MultivariateCalibrationWindows;
        AlertShare = o.AlertShare;
    }

    /// <summary>The windows that set a segment's multivariate thresholds (null: the model's production calibration windows, or the default).</summary>
    public int? MultivariateCalibrationWindows { get; }

    /// <summary>The drifted-segment share at which a closed window counts against the model (null: no share alert).</summary>
    public double? AlertShare { get; }

    /// <summary>A segment's first predictions that form its reference (0: the whole model's reference).</summary>
    public long ReferenceSize { get; }

    /// <summary>Whether drift gauges per segment × feature are exported.</summary>
    public bool FeatureMetrics { get; }

    /// <summary>Whether segments are named by an explicit key with each prediction.</summary>
    public bool ByKey { get; }

    /// <summary>The segment features' names, in declaration order.</summary>
    public string[] ColumnNames { get; }

    /// <summary>The segment features' indexes among the categorical features.</summary>
    public int[] Columns { get; }

    public int MaxSegments { get; }

    public long MinPredictions { get; }

    public MultipleTestingCorrection Correction { get; }

    /// <summary>Segments admitted from the start.</summary>
    public string[] Track { get; }
}

using System.Collections.Immutable;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>One column's part of a <see cref="DriftReport"/>: the verdict, every detector's result, data quality and the distributions.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public sealed class FeatureDriftReport
{
    internal FeatureDriftReport()
    {
    }

    /// <summary>Gets the column's name (a feature, or <see cref="ModelSchema.PredictionColumn"/>).</summary>
    public string Name { get; internal init; } = "";

    /// <summary>Gets the column's kind.</summary>
    public FeatureKind Kind { get; internal init; }

    /// <summary>Gets a value indicating whether the column is the model's prediction (prediction drift) rather than an input.</summary>
    public bool IsPrediction { get; internal init; }

    /// <summary>Gets the result of the detector that decides the verdict, or null when the window holds no value of this column.</summary>
    public DriftResult? Verdict { get; internal set; }

    /// <summary>Gets a value indicating whether the column drifted, after the model's multiple-testing correction.</summary>
    public bool IsDrift { get; internal set; }

    /// <summary>Gets every detector computed for the column (KS, PSI, Jensen–Shannon, Wasserstein for numeric; chi-squared, PSI, Jensen–Shannon for categorical).</summary>
    public ImmutableArray<DriftResult> Detectors { get; internal set; } = [];

    /// <summary>Gets the number of valid values in the window.</summary>
    public long Count { get; internal init; }

    /// <summary>Gets the number of missing values (NaN, null or empty).</summary>
    public long MissingCount { get; internal init; }

    /// <summary>Gets the number of ±Infinity values (numeric columns).</summary>
    public long NonFiniteCount { get; internal init; }

    /// <summary>Gets the number of values outside the reference's [min, max] (numeric columns).</summary>
    public long OutOfRangeCount { get; internal init; }

    /// <summary>Gets the number of values of categories the reference never saw (categorical columns).</summary>
    public long UnseenCount { get; internal init; }

    /// <summary>Gets the window's mean (numeric columns; NaN otherwise).</summary>
    public double Mean { get; internal init; } = double.NaN;

    /// <summary>Gets the window's population standard deviation (numeric columns; NaN otherwise).</summary>
    public double StandardDeviation { get; internal init; } = double.NaN;

    /// <summary>Gets the window's smallest value (numeric columns; NaN otherwise).</summary>
    public double Min { get; internal init; } = double.NaN;

    /// <summary>Gets the window's largest value (numeric columns; NaN otherwise).</summary>
    public double Max { get; internal init; } = double.NaN;

    /// <summary>Gets the PSI bin edges of a numeric column (empty for categorical columns).</summary>
    public ImmutableArray<double> BinEdges { get; internal init; } = [];

    /// <summary>Gets the categories of a categorical column, with the last entry for unseen categories (empty for numeric columns).</summary>
    public ImmutableArray<string> Categories { get; internal init; } = [];

    /// <summary>Gets the reference counts per PSI bin or per category.</summary>
    public ImmutableArray<long> ReferenceCounts { get; internal init; } = [];

    /// <summary>Gets the window's counts per PSI bin or per category.</summary>
    public ImmutableArray<long> CurrentCounts { get; internal init; } = [];
}

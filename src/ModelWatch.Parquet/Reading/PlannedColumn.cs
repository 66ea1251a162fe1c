using ModelWatch.Drift;

namespace ModelWatch.Parquet.Reading;

/// <summary>A column the profiler reads: where it is, how its values are read and what they become.</summary>
/// <param name="Source">The file's column.</param>
/// <param name="Kind">Numeric (moments and a sketch) or categorical (category counts).</param>
/// <param name="IsPrediction">Whether it holds the model's prediction.</param>
internal readonly record struct PlannedColumn(FileColumn Source, FeatureKind Kind, bool IsPrediction);

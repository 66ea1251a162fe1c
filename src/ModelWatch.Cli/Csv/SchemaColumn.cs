using ModelWatch.Drift;

namespace ModelWatch.Cli.Csv;

/// <summary>A column a profile already has: the CSV must have it, with this kind.</summary>
internal readonly record struct SchemaColumn(string Name, FeatureKind Kind, bool IsPrediction);

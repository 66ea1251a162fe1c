namespace ModelWatch.Parquet.Reading;

/// <summary>A top-level field of a Parquet file's schema.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Leaf">The index of its leaf column when it is flat, or -1 when it is nested.</param>
/// <param name="Type">What it holds (for a nested field, a <see cref="ColumnType"/> without a kind that says which nesting).</param>
/// <param name="MaxDefinitionLevel">0 for a required column, 1 for an optional one (nulls possible).</param>
internal readonly record struct FileColumn(string Name, int Leaf, ColumnType Type, short MaxDefinitionLevel);

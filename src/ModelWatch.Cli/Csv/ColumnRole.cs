namespace ModelWatch.Cli.Csv;

/// <summary>What the profiler does with a CSV column.</summary>
internal enum ColumnRole
{
    /// <summary>Not profiled (<c>--ignore</c>, or not in the schema a profile supplies).</summary>
    Ignored = 0,

    /// <summary>Parsed as an invariant-culture number; a cell that is not one makes the row malformed.</summary>
    Numeric = 1,

    /// <summary>Counted as text.</summary>
    Categorical = 2,

    /// <summary>Numeric or categorical, decided from the first rows (<see cref="CsvReadOptions.InferenceRows"/>).</summary>
    Undecided = 3,
}

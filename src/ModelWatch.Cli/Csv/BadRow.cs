namespace ModelWatch.Cli.Csv;

/// <summary>A malformed row: where it starts in the file and what is wrong with it.</summary>
internal readonly record struct BadRow(long Line, string Reason);

using ModelWatch.Profiles;

namespace ModelWatch.Cli.Csv;

/// <summary>A profiled CSV file.</summary>
/// <param name="Profile">The profile.</param>
/// <param name="BadRowCount">Malformed rows skipped (<c>--skip-bad-rows</c>).</param>
/// <param name="FirstBadRows">The first few malformed rows, for the message.</param>
/// <param name="InferredKinds">The columns whose kind was inferred, with the kind.</param>
internal sealed record CsvProfileResult(Profile Profile, long BadRowCount, IReadOnlyList<BadRow> FirstBadRows, IReadOnlyList<string> InferredKinds);

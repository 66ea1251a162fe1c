namespace ModelWatch.Cli;

/// <summary>How <c>compare</c> writes its result.</summary>
internal enum OutputFormat
{
    /// <summary>An aligned plain-text table and the dataset verdict.</summary>
    Table = 0,

    /// <summary>The drift report as JSON.</summary>
    Json = 1,

    /// <summary>The self-contained HTML report.</summary>
    Html = 2,
}

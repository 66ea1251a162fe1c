namespace ModelWatch.Cli.Csv;

/// <summary>Malformed rows: how many, and the first few by line number.</summary>
internal sealed class BadRowLog
{
    /// <summary>How many malformed rows are kept for the message.</summary>
    public const int Kept = 10;

    private readonly List<BadRow> _first = [];

    /// <summary>Gets the number of malformed rows.</summary>
    public long Count { get; private set; }

    /// <summary>Gets the kept rows, in line order.</summary>
    public IReadOnlyList<BadRow> First => _first;

    /// <summary>The reason for a number column's cell that is not a number.</summary>
    public static string NotANumber(string column, ReadOnlySpan<char> cell) =>
        $"column '{column}' is numeric but holds '{(cell.Length > 40 ? string.Concat(cell[..40], "…") : cell.ToString())}'";

    /// <summary>Records a malformed row (rows arrive in line order).</summary>
    public void Add(long line, string reason)
    {
        Count++;
        if (_first.Count < Kept)
        {
            _first.Add(new BadRow(line, reason));
        }
    }
}

using System.Globalization;
using nietras.SeparatedValues;

namespace ModelWatch.Cli.Csv;

/// <summary>
/// The rows of a CSV source as Sep splits them, with the file-level rules on top: blank lines are
/// skipped (before the header too), every row knows the line it starts on, and a row that runs to
/// the end of the file inside a quoted field is recognised.
/// </summary>
/// <remarks>
/// Sep ends a row at a line break only after an even number of quotes (a quote anywhere in a field
/// toggles quoting), so a row with an odd number of quotes is one that reached the end of the file
/// inside quotes: an unterminated quote. Counting a row's quotes is a vectorized scan of text that
/// is read anyway.
/// </remarks>
internal sealed class CsvRowReader : IDisposable
{
    /// <summary>The longest row, in characters, Sep reads (its buffer's limit).</summary>
    public const int MaxRowChars = 1 << 24;

    private readonly SepReader _reader;
    private readonly int _maxColumns;
    private long _nextLine = 1;

    public CsvRowReader(CsvInput input, CsvReadOptions options)
    {
        Source = input.Name;
        _maxColumns = options.MaxColumns;

        // The header is read as a plain row, so that empty or repeated names are ours to report.
        _reader = Sep.New(options.Delimiter).Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
            CultureInfo = CultureInfo.InvariantCulture,
        }).From(input.Reader);
    }

    /// <summary>Gets how messages name the source.</summary>
    public string Source { get; }

    /// <summary>Gets the current row (valid until the next <see cref="MoveNext"/>).</summary>
    public SepReader.Row Current => _reader.Current;

    /// <summary>Gets the physical line the current row starts on (line breaks inside quoted fields count).</summary>
    public long Line { get; private set; }

    /// <summary>
    /// Gets why the current row is malformed by a quote that is never closed, or null; read it before
    /// any cell of the row (Sep unescapes cells in place).
    /// </summary>
    public BadRow? UnclosedQuote { get; private set; }

    /// <summary>Reads the header: the first line that is not blank.</summary>
    /// <exception cref="CliException">The file has no header row, or its header has a quote that is never closed or more columns than allowed.</exception>
    public string[] ReadHeader()
    {
        if (!MoveNext())
        {
            throw new CliException($"{Source}: the file is empty or holds only blank lines (a CSV file starts with a header row).");
        }

        if (UnclosedQuote is { } bad)
        {
            throw new CliException($"{Source}: the header (line {bad.Line.ToString(CultureInfo.InvariantCulture)}): {bad.Reason}.");
        }

        // Checked before a column's name or statistics exist: every column read takes memory.
        int columns = _reader.Current.ColCount;
        if (columns > _maxColumns)
        {
            throw new CliException(string.Create(
                CultureInfo.InvariantCulture,
                $"{Source}: the header has {columns:N0} columns, more than --max-columns ({_maxColumns:N0}). Each column read takes memory (about 25 KB for a numeric one); raise --max-columns to read them all."));
        }

        return _reader.Current[..].ToStringsArray();
    }

    /// <summary>Moves to the next row that is not a blank line.</summary>
    /// <exception cref="CliException">A row is longer than <see cref="MaxRowChars"/>.</exception>
    public bool MoveNext()
    {
        while (ReadRow())
        {
            var row = _reader.Current;
            Line = _nextLine;

            // Sep numbers the first row's start line 2; every later row starts where the one before it ended.
            _nextLine = row.LineNumberToExcl;
            if (row.ColCount == 1 && row.Span.IsWhiteSpace())
            {
                continue;
            }

            UnclosedQuote = FindUnclosedQuote(row.Span, Line);
            return true;
        }

        return false;
    }

    public void Dispose() => _reader.Dispose();

    private bool ReadRow()
    {
        try
        {
            return _reader.MoveNext();
        }
        catch (NotSupportedException ex)
        {
            // Sep's only refusal while reading: a row that does not fit its largest buffer.
            throw new CliException(
                string.Create(CultureInfo.InvariantCulture, $"{Source}: the row starting on line {_nextLine} is longer than {MaxRowChars:N0} characters, the longest row the reader takes (a quote that is never closed makes the rest of the file one row)."),
                ex);
        }
    }

    private static BadRow? FindUnclosedQuote(ReadOnlySpan<char> row, long line)
    {
        if ((row.Count('"') & 1) == 0)
        {
            return null;
        }

        // Quotes alternate opening and closing; the last opening one is never closed. (Once per file at most.)
        int opening = -1;
        bool open = false;
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] == '"')
            {
                open = !open;
                opening = open ? i : opening;
            }
        }

        long from = line + LineBreaks(row[..opening]);
        long to = line + LineBreaks(row) - (row[^1] is '\n' or '\r' ? 1 : 0);
        string lines = from == to
            ? $"line {from.ToString(CultureInfo.InvariantCulture)} would be one cell"
            : $"lines {from.ToString(CultureInfo.InvariantCulture)} to {to.ToString(CultureInfo.InvariantCulture)} would be one cell";
        return new BadRow(from, $"a quote opened on this line is never closed, so {lines} (a quote inside a field is written doubled, in a quoted field: \"55\"\" TV\")");
    }

    /// <summary>Line breaks as Sep counts them: LF, CR LF, and a lone CR.</summary>
    private static long LineBreaks(ReadOnlySpan<char> text)
    {
        long breaks = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                breaks++;
            }
        }

        return breaks;
    }
}

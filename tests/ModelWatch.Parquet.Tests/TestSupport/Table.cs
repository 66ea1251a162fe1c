using System.Globalization;
using System.Text;
using ParquetSharp;

namespace ModelWatch.Parquet.Tests.TestSupport;

/// <summary>
/// Columns of test data written both as a Parquet file (ParquetSharp's writer, given row-group size,
/// compression and encodings) and as the CSV file of the same rows, so the two readers can be compared.
/// </summary>
internal sealed class Table
{
    private readonly List<IColumnData> _columns = [];

    public int Rows => _columns.Count == 0 ? 0 : _columns[0].Length;

    /// <summary>Adds a column; <paramref name="cell"/> writes a value as CSV text (null: an empty cell).</summary>
    public Table Add<T>(string name, T[] values, Func<T, string?> cell, LogicalType? logicalType = null)
    {
        _columns.Add(new ColumnData<T>(name, values, cell, logicalType));
        return this;
    }

    /// <summary>Adds a decimal column stored as INT32 (precision up to 9) or INT64 (up to 18): the unscaled values, as Spark and Arrow write them.</summary>
    public Table AddDecimals(string name, decimal[] values, int precision, int scale)
    {
        _columns.Add(new DecimalData(name, values, precision, scale));
        return this;
    }

    public Table AddDoubles(string name, double?[] values) => Add(name, values, v => v is { } d ? d.ToString("R", CultureInfo.InvariantCulture) : null);

    public Table AddStrings(string name, string?[] values) => Add(name, values, Csv);

    /// <summary>Writes the Parquet file: row groups of <paramref name="rowGroupRows"/> rows (at least one row group, even of no rows).</summary>
    public string WriteParquet(string path, int rowGroupRows, Action<WriterPropertiesBuilder>? configure = null)
    {
        using var builder = new WriterPropertiesBuilder().Compression(Compression.Snappy);
        configure?.Invoke(builder);
        using var properties = builder.Build();
        var nodes = _columns.Select(c => c.Node()).ToArray();
        using var schema = new ParquetSharp.Schema.GroupNode("schema", Repetition.Required, nodes);
        using var file = new ParquetFileWriter(path, schema, properties);
        int start = 0;
        do
        {
            int count = Math.Min(rowGroupRows, Rows - start);
            using var rowGroup = file.AppendRowGroup();
            foreach (var column in _columns)
            {
                column.Write(rowGroup, start, count);
            }

            start += count;
        }
        while (start < Rows);

        file.Close();
        return path;
    }

    /// <summary>Writes the same rows as CSV: a header, then one line per row.</summary>
    public string WriteCsv(string path)
    {
        var text = new StringBuilder(string.Join(',', _columns.Select(c => Csv(c.Name)))).Append('\n');
        for (int r = 0; r < Rows; r++)
        {
            text.AppendJoin(',', _columns.Select(c => c.Cell(r) ?? string.Empty)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string? Csv(string? text) => text is null ? null : text.Length == 0 ? "\"\"" : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private interface IColumnData
    {
        string Name { get; }

        int Length { get; }

        ParquetSharp.Schema.Node Node();

        void Write(RowGroupWriter rowGroup, int start, int count);

        string? Cell(int row);
    }

    private sealed class DecimalData(string name, decimal[] values, int precision, int scale) : IColumnData
    {
        public string Name => name;

        public int Length => values.Length;

        public ParquetSharp.Schema.Node Node()
        {
            using var logical = LogicalType.Decimal(precision, scale);
            return new ParquetSharp.Schema.PrimitiveNode(name, Repetition.Required, logical, precision <= 9 ? PhysicalType.Int32 : PhysicalType.Int64);
        }

        public void Write(RowGroupWriter rowGroup, int start, int count)
        {
            using var writer = rowGroup.NextColumn();
            decimal factor = (decimal)Math.Pow(10, scale);
            if (precision <= 9)
            {
                ((ColumnWriter<int>)writer).WriteBatch([.. values.Skip(start).Take(count).Select(v => (int)(v * factor))]);
            }
            else
            {
                ((ColumnWriter<long>)writer).WriteBatch([.. values.Skip(start).Take(count).Select(v => (long)(v * factor))]);
            }
        }

        public string? Cell(int row) => values[row].ToString(CultureInfo.InvariantCulture);
    }

    private sealed class ColumnData<T>(string name, T[] values, Func<T, string?> cell, LogicalType? logicalType) : IColumnData
    {
        public string Name => name;

        public int Length => values.Length;

        public ParquetSharp.Schema.Node Node() => new Column<T>(name, logicalType).CreateSchemaNode();

        public void Write(RowGroupWriter rowGroup, int start, int count)
        {
            using var writer = rowGroup.NextColumn().LogicalWriter<T>();
            writer.WriteBatch(values.AsSpan(start, count));
        }

        public string? Cell(int row) => cell(values[row]);
    }
}

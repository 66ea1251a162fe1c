using System.Globalization;
using ParquetSharp;

namespace ModelWatch.Benchmarks.Cli;

/// <summary>
/// The Parquet file of the target: 10^7 rows of 10 double columns (<c>c0</c>…<c>c9</c>, the
/// CSV benchmark's values) and 2 dictionary-encoded string columns (<c>city</c>: 12 values,
/// <c>product</c>: 500), Snappy-compressed, in row groups of 10^6 rows. Seeded: the same bytes on
/// every machine. Written one row group and one column at a time, so writing it takes a few MB.
/// </summary>
internal static class ParquetBenchmarkFile
{
    public const long DefaultRows = 10_000_000;
    public const int RowGroupRows = 1_000_000;
    public const int DoubleColumns = 10;

    private static readonly string[] Cities = ["Berlin", "Paris", "Madrid", "Rome", "Vienna", "Warsaw", "Prague", "Lisbon", "Dublin", "Oslo", "Athens", "Zürich"];
    private static readonly string[] Products = [.. Enumerable.Range(0, 500).Select(i => string.Create(CultureInfo.InvariantCulture, $"product-{i:D4}"))];

    public static void Write(string path, long rows = DefaultRows)
    {
        var columns = Enumerable.Range(0, DoubleColumns).Select(c => (Column)new Column<double>($"c{c}"))
            .Append(new Column<string>("city", LogicalType.String()))
            .Append(new Column<string>("product", LogicalType.String()))
            .ToArray();
        using var builder = new WriterPropertiesBuilder().Compression(Compression.Snappy).EnableDictionary().MaxRowGroupLength(RowGroupRows);
        // Random doubles do not repeat: store them plain, as writers do once a dictionary overflows.
        for (int c = 0; c < DoubleColumns; c++)
        {
            builder.DisableDictionary($"c{c}");
        }

        using var properties = builder.Build();
        using var file = new ParquetFileWriter(path, columns, properties);
        var doubles = new double[RowGroupRows];
        var strings = new string[RowGroupRows];
        // One generator per column, so columns can be written one after the other within a row group.
        var states = Enumerable.Range(0, DoubleColumns + 2).Select(c => 0x5EEDUL + (ulong)c).ToArray();
        for (long start = 0; start < rows; start += RowGroupRows)
        {
            int count = (int)Math.Min(RowGroupRows, rows - start);
            using var rowGroup = file.AppendRowGroup();
            for (int c = 0; c < DoubleColumns; c++)
            {
                for (int r = 0; r < count; r++)
                {
                    double u = (Next(ref states[c]) >> 11) * (1.0 / (1UL << 53));
                    doubles[r] = ((u - 0.5) * Math.Pow(10, (c % 5) - 1)) + (c * 3);
                }

                using var writer = rowGroup.NextColumn().LogicalWriter<double>();
                writer.WriteBatch(doubles.AsSpan(0, count));
            }

            WriteStrings(rowGroup, Cities, ref states[DoubleColumns], strings, count);
            WriteStrings(rowGroup, Products, ref states[DoubleColumns + 1], strings, count);
        }

        file.Close();
    }

    private static void WriteStrings(RowGroupWriter rowGroup, string[] values, ref ulong state, string[] strings, int count)
    {
        for (int r = 0; r < count; r++)
        {
            strings[r] = values[(int)(Next(ref state) % (ulong)values.Length)];
        }

        using var writer = rowGroup.NextColumn().LogicalWriter<string>();
        writer.WriteBatch(strings.AsSpan(0, count));
    }

    private static ulong Next(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

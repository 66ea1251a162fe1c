using System.Globalization;
using System.IO.Compression;
using System.Text;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Cli.Tests.TestSupport;

/// <summary>Seeded CSV text with two normal columns and a label column, for gates and readers.</summary>
internal static class SyntheticCsv
{
    public const string Header = "x,y,label";

    /// <summary>
    /// <paramref name="rows"/> rows: x ~ N(<paramref name="shift"/>, 1), y ~ N(0, 1), label a, b or c;
    /// <paramref name="edit"/> may rewrite a data row (numbered from 0).
    /// </summary>
    public static string Text(int rows, double shift, ulong seed, Func<int, string, string>? edit = null)
    {
        var random = new SplitMix64(seed);
        var text = new StringBuilder(Header).Append('\n');
        for (int i = 0; i < rows; i++)
        {
            string row = string.Create(
                CultureInfo.InvariantCulture,
                $"{shift + random.NextNormal():0.####},{random.NextNormal():0.####},{"abc"[(int)(random.Next() % 3)]}");
            text.Append(edit is null ? row : edit(i, row)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The text gzip-compressed without compression (stored blocks, so the text appears as it is) and
    /// cut right after the line break that ends data row <paramref name="row"/>: a truncated download whose
    /// rest is still a well-formed CSV file.
    /// </summary>
    public static byte[] TruncatedGzip(string text, int row)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.NoCompression, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        byte[] bytes = compressed.ToArray();
        string[] lines = text.Split('\n');
        byte[] tail = Encoding.UTF8.GetBytes(lines[row] + "\n" + lines[row + 1]);
        int at = bytes.AsSpan().IndexOf(tail);
        return at < 0 ? throw new InvalidOperationException("the row is not stored as it is") : bytes[..(at + tail.Length - lines[row + 1].Length)];
    }
}

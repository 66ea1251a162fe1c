using System.Globalization;
using ModelWatch.Tests.TestSupport;
using ParquetSharp;

namespace ModelWatch.Parquet.Tests.TestSupport;

/// <summary>Seeded test tables.</summary>
internal static class Data
{
    public static readonly string[] Numeric = ["x", "n", "f", "i", "l", "u", "d", "d18"];

    public static readonly string[] Categorical = ["b", "s", "p"];

    /// <summary>
    /// Every supported type: doubles (with NaN and infinities), nullable doubles, floats, int32,
    /// nullable int64, uint32, decimals stored as INT32 and INT64, nullable booleans,
    /// dictionary-encoded strings (nulls, empty strings, non-ASCII, quotes) and plain-encoded strings
    /// with more distinct values than the category counter tracks exactly (column <c>p</c>).
    /// </summary>
    public static Table AllTypes(int rows, ulong seed = 42)
    {
        var random = new SplitMix64(seed);
        string[] words = ["alpha", "beta", "gamma", "café", "naïve", "say \"hi\"", "a,b", string.Empty, "z"];
        var x = new double?[rows];
        var n = new double?[rows];
        var f = new float[rows];
        var i = new int[rows];
        var l = new long?[rows];
        var u = new uint[rows];
        var d = new decimal[rows];
        var d18 = new decimal[rows];
        var b = new bool?[rows];
        var s = new string?[rows];
        var p = new string?[rows];
        for (int r = 0; r < rows; r++)
        {
            double normal = random.NextNormal();
            x[r] = (r % 997) switch { 5 => double.NaN, 7 => double.PositiveInfinity, 11 => double.NegativeInfinity, _ => normal * 3 + 10 };
            n[r] = random.NextUniform() < 0.1 ? null : random.NextUniform() * 100;
            f[r] = (float)(random.NextNormal() * 0.1);
            i[r] = (int)(random.Next() % 2001) - 1000;
            l[r] = random.NextUniform() < 0.05 ? null : (long)(random.Next() >> 12) - (1L << 50);
            u[r] = (uint)random.Next();
            d[r] = ((int)(random.Next() % 2_000_001) - 1_000_000) / 100m;
            d18[r] = ((long)(random.Next() >> 14) - (1L << 48)) / 10_000m;
            b[r] = (r % 13) == 0 ? null : random.NextUniform() < 0.3;
            s[r] = (r % 17) == 0 ? null : words[(int)(random.Next() % (ulong)words.Length)];
            p[r] = string.Create(CultureInfo.InvariantCulture, $"v{random.Next() % 2_000}");
        }

        return new Table()
            .AddDoubles("x", x)
            .AddDoubles("n", n)
            .Add("f", f, v => ((double)v).ToString("R", CultureInfo.InvariantCulture))
            .Add("i", i, v => v.ToString(CultureInfo.InvariantCulture))
            .Add("l", l, v => v?.ToString(CultureInfo.InvariantCulture))
            .Add("u", u, v => v.ToString(CultureInfo.InvariantCulture))
            .AddDecimals("d", d, 9, 2)
            .AddDecimals("d18", d18, 18, 4)
            .Add("b", b, v => v is { } t ? (t ? "true" : "false") : null)
            .AddStrings("s", s)
            .AddStrings("p", p);
    }

    /// <summary>The writer settings of <see cref="AllTypes"/>: column <c>p</c> without a dictionary.</summary>
    public static void AllTypesSettings(WriterPropertiesBuilder builder) => builder.DisableDictionary("p");

    /// <summary>Two numeric columns and a categorical one, normal around <paramref name="shift"/>.</summary>
    public static Table Simple(int rows, double shift, ulong seed)
    {
        var random = new SplitMix64(seed);
        var a = new double[rows];
        var c = new double[rows];
        var k = new string[rows];
        for (int r = 0; r < rows; r++)
        {
            a[r] = random.NextNormal() + shift;
            c[r] = random.NextNormal() * 2;
            k[r] = random.NextUniform() < 0.5 + (shift / 10) ? "red" : "blue";
        }

        return new Table()
            .Add("a", a, v => v.ToString("R", CultureInfo.InvariantCulture))
            .Add("c", c, v => v.ToString("R", CultureInfo.InvariantCulture))
            .Add("k", k, v => v);
    }
}

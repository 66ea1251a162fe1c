using System.Globalization;
using System.Text;
using ModelWatch.Cli.Csv;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Profiles;

namespace ModelWatch.Cli.Tests.Csv;

/// <summary>The profiler past the inference rows, with the statistics on a second thread: the same profile whatever the threading.</summary>
public sealed class CsvProfilerTests : IDisposable
{
    private const int Rows = 50_000;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ThreadedAndInline_GiveTheSameProfile_ByteForByte()
    {
        string csv = WriteRows(Rows);
        Assert.Equal(Serialize(Read(csv, pipelined: true)), Serialize(Read(csv, pipelined: false)));
    }

    [Fact]
    public void ProfileEqualsASequentialProfileBuilder_ByteForByte()
    {
        // Inference rows go value by value, later rows batch by batch on the second thread: every
        // column still sees its values in row order, so the statistics are exactly the sequential ones.
        string csv = WriteRows(Rows);
        var builder = new ProfileBuilder(["x", "y"], ["c"]);
        foreach (var (x, y, c) in Values(Rows))
        {
            builder.Add([x, y], [c]);
        }

        Assert.Equal(Serialize(builder.Build()), Serialize(Read(csv, pipelined: true)));
    }

    [Fact]
    public void PastTheInferenceRows_TheFirstMalformedRowIsReported_OrBothAreSkipped()
    {
        // A bad number on line 25,002 and a short row on line 30,002, both past the inference rows:
        // the message names the first, and --skip-bad-rows counts both.
        var text = new StringBuilder("x,y,c\n");
        foreach (var (x, y, c) in Values(40_000))
        {
            text.Append(x.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(c).Append('\n');
        }

        string[] lines = text.ToString().Split('\n');
        lines[25_001] = "1,oops,a";
        lines[30_001] = "1,2";
        string csv = _temp.Write("bad.csv", string.Join('\n', lines));

        var result = Tool.Expect(2, "profile", csv, "-o", _temp.File("bad.mwp"));
        Assert.Contains("line 25002: column 'y' is numeric but holds 'oops'", result.Stderr, StringComparison.Ordinal);

        var skipped = Tool.Expect(0, "profile", csv, "-o", _temp.File("bad.mwp"), "--skip-bad-rows");
        Assert.Contains("skipped 2 malformed rows", skipped.Stderr, StringComparison.Ordinal);
        Assert.Equal(39_998, ProfileFile.Load(_temp.File("bad.mwp")).Rows);
    }

    private static Profile Read(string path, bool pipelined)
    {
        using var input = CsvInput.Open(path);
        return CsvProfiler.Read(input, new CsvReadOptions { Pipelined = pipelined }).Profile;
    }

    private static byte[] Serialize(Profile profile)
    {
        using var stream = new MemoryStream();
        ProfileFile.Write(profile, stream);
        return stream.ToArray();
    }

    private string WriteRows(int rows)
    {
        var text = new StringBuilder("x,y,c\n");
        foreach (var (x, y, c) in Values(rows))
        {
            text.Append(x.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(double.IsNaN(y) ? string.Empty : y.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(c).Append('\n');
        }

        return _temp.Write("rows.csv", text.ToString());
    }

    private static IEnumerable<(double X, double Y, string C)> Values(int rows)
    {
        var random = new Random(12345);
        for (int i = 0; i < rows; i++)
        {
            double x = random.NextDouble() * 100;
            double y = i % 97 == 0 ? double.NaN : Math.Exp(random.NextDouble() * 5);
            yield return (x, y, "k" + (i % 7 == 0 ? "rare" : (i % 3).ToString(CultureInfo.InvariantCulture)));
        }
    }
}

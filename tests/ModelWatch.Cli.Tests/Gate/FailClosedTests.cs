using System.Text;
using ModelWatch.Cli.Csv;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Cli.Tests.Gate;

/// <summary>
/// The gate fails closed: for every kind of malformed input, on either side and in every output
/// format, <c>compare --fail-on-drift</c> exits 2 — never 0 — although the clean files pass (exit 0).
/// </summary>
public sealed class FailClosedTests : IDisposable
{
    private const int Rows = 2_000;

    private static readonly string[] Formats = ["table", "json", "html"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Each kind of malformed input: a name, what it does to a clean file, the sides it applies to, and any options it needs.</summary>
    public static TheoryData<string, string> Kinds()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in MalformedInput.All)
        {
            foreach (string side in kind.Sides)
            {
                data.Add(kind.Name, side);
            }
        }

        return data;
    }

    [Fact]
    public void CleanFiles_Pass()
    {
        foreach (string format in Formats)
        {
            Tool.Expect(0, "compare", "-r", Clean("reference.csv", 1), "-c", Clean("current.csv", 2), "--fail-on-drift", "-f", format, "-o", _temp.File("out." + format));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FailOnDrift_NeverExitsZero_OnMalformedInput(string kind, string side)
    {
        var malformed = MalformedInput.All.Single(k => k.Name == kind);
        string broken = malformed.Write(_temp, SyntheticCsv.Text(Rows, 0, side == "reference" ? 1UL : 2UL));
        string reference = side == "reference" ? broken : Clean("reference.csv", 1);
        string current = side == "current" ? broken : Clean("current.csv", 2);
        foreach (string format in Formats)
        {
            var result = Tool.Run(["compare", "-r", reference, "-c", current, "--fail-on-drift", "-f", format, "-o", _temp.File("out." + format), .. malformed.Options]);
            Assert.True(result.ExitCode == 2, $"{kind} ({side}, {format}): expected exit 2\n{result}");
            Assert.Contains("modelwatch: ", result.Stderr, StringComparison.Ordinal);
        }
    }

    private string Clean(string name, ulong seed) => _temp.Write(name, SyntheticCsv.Text(Rows, 0, seed));

    /// <summary>A kind of malformed input, made from the text of a clean file.</summary>
    private sealed record MalformedInput(string Name, Func<string, byte[]> Make, string Extension = ".csv", string[]? OnlySides = null, string[]? Needs = null)
    {
        public static readonly MalformedInput[] All =
        [
            new("unterminated quote", t => Utf8(EditRow(t, 3, row => row[..^1] + "55\" TV"))),
            new("unterminated quote, bad rows skipped", t => Utf8(EditRow(t, 3, row => row[..^1] + "55\" TV")), Needs: ["--skip-bad-rows"]),
            new("unterminated quote in the header", t => Utf8("x,y,\"label\n" + t[(t.IndexOf('\n') + 1)..])),
            new("header only", t => Utf8(SyntheticCsv.Header + "\n")),
            new("only blank lines", _ => Utf8("\n   \n\t\n\n")),
            new("empty file", _ => []),
            new("fewer rows than the minimum", t => Utf8(string.Join('\n', t.Split('\n').Take(51)) + "\n")),
            new("a row missing a field", t => Utf8(EditRow(t, 700, row => row[..row.LastIndexOf(',')]))),
            new("a row with an extra field", t => Utf8(EditRow(t, 700, row => row + ",extra"))),
            new("a word in a numeric column", t => Utf8(EditRow(t, 700, row => "n/a" + row[row.IndexOf(',')..])), Needs: ["--numeric", "x,y"]),
            new("every row malformed, bad rows skipped", t => Utf8(string.Join('\n', t.Split('\n').Select((row, i) => i == 0 || row.Length == 0 ? row : row + ",extra"))), Needs: ["--skip-bad-rows"]),
            new("a column missing", t => Utf8(string.Join('\n', t.Split('\n').Select(row => row.Length == 0 ? row : row[..row.LastIndexOf(',')]))), OnlySides: ["current"]),
            new("semicolons for commas", t => Utf8(t.Replace(',', ';'))),
            new("no value in any cell", t => Utf8(SyntheticCsv.Header + "\n" + string.Concat(Enumerable.Repeat(",,\n", Rows)))),
            new("a repeated header name", t => Utf8("x,x,label\n" + t[(t.IndexOf('\n') + 1)..])),
            new("a UTF-16 byte-order mark on UTF-8 text", t => [0xFF, 0xFE, .. Utf8(t)]),
            new("invalid UTF-8 in a numeric cell", t => Utf8(EditRow(t, 700, row => "\uFFFF" + row)).Select(b => b == 0xEF ? (byte)0xC0 : b).ToArray(), Needs: ["--numeric", "x,y"]),
            new("random bytes", _ => RandomBytes(4_096, 3)),
            new("more columns than --max-columns", t => Utf8(t), Needs: ["--max-columns", "2"]),
            new("a row longer than the reader takes", t => Utf8(EditRow(t, 700, row => row + new string('z', CsvRowReader.MaxRowChars)))),
            new("a .csv.gz file cut after a whole row", t => SyntheticCsv.TruncatedGzip(t, row: 1_500), Extension: ".csv.gz"),
            new("a damaged profile", t => Utf8("MWP1" + t[..100]), Extension: ".mwp"),
            new("no such file", _ => [], Extension: ".missing.csv"),
        ];

        public IEnumerable<string> Sides => OnlySides ?? ["current", "reference"];

        public string[] Options => Needs ?? [];

        public string Write(TempFolder temp, string clean)
        {
            string path = temp.File("broken" + Extension);
            if (Name != "no such file")
            {
                File.WriteAllBytes(path, Make(clean));
            }

            return path;
        }

        private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

        private static string EditRow(string text, int row, Func<string, string> edit)
        {
            string[] lines = text.Split('\n');
            lines[row + 1] = edit(lines[row + 1]);
            return string.Join('\n', lines);
        }

        private static byte[] RandomBytes(int count, ulong seed)
        {
            var random = new SplitMix64(seed);
            return [.. Enumerable.Range(0, count).Select(_ => (byte)random.Next())];
        }
    }
}

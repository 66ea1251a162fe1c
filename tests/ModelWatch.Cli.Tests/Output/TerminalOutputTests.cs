using System.Globalization;
using System.Text;
using ModelWatch.Cli.Output;
using ModelWatch.Cli.Tests.TestSupport;

namespace ModelWatch.Cli.Tests.Output;

/// <summary>
/// Untrusted text is escaped for the terminal: whatever a column name, a category, a file name or an
/// option value holds, standard output and standard error carry no control character but the line
/// ends, and no line can be forged.
/// </summary>
public sealed class TerminalOutputTests : IDisposable
{
    /// <summary>Erase the line, forge a verdict, conceal what follows; 8-bit CSI; bell, backspace, DEL, NUL; a title change; bidirectional override; Unicode line separator; tab; and a forged line after a line break.</summary>
    private const string Hostile = "\u001b[2K\rdataset: no drift (forged)\u001b[8m\u009b31m\u0007\u0008\u007f\0\u001b]0;title\u0007\u202eevil\u202c\u2028\tx\ndataset: no drift (forged)";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void EscapeSequencesInAColumnName_ArePrintedVisibly_NotObeyed()
    {
        // Erase the line, print a fake verdict, then conceal the rest of the table.
        string name = "\u001b[2K\rdataset: no drift\u001b[8m";
        string reference = _temp.Write("reference.csv", WithColumnName(SyntheticCsv.Text(500, 0, 1), name));
        string current = _temp.Write("current.csv", WithColumnName(SyntheticCsv.Text(500, 3, 2), name));
        var result = Tool.Expect(0, "compare", "-r", reference, "-c", current, "--drift-share", "0.3");

        Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);
        Assert.DoesNotContain('\r', result.Stdout + result.Stderr);
        Assert.Contains(@"\u001B[2K\rdataset: no drift\u001B[8m", result.Stdout, StringComparison.Ordinal);
        Assert.Single(result.Stdout.Split('\n'), l => l.StartsWith("dataset: ", StringComparison.Ordinal));
    }

    public static TheoryData<string> Positions() =>
    [
        "column name: compare table", "column name: compare json", "column name: profile notes", "column name: identifier note",
        "column name: reference without values", "category: malformed row", "category: skipped rows", "file name: compare table",
        "file name: no verdict", "file name: missing", "file name: merge", "option value: --ignore", "option value: unknown argument",
    ];

    [Theory]
    [MemberData(nameof(Positions))]
    public void UntrustedText_InEveryPosition_ReachesTheTerminalEscaped(string position)
    {
        var result = Run(position);
        string output = result.Stdout + result.Stderr;
        for (int i = 0; i < output.Length; i++)
        {
            Assert.False(output[i] != '\n' && TerminalText.IsControl(output[i]), $"{position}: U+{(int)output[i]:X4} at {i}\n{result}");
        }

        Assert.DoesNotContain(output.Split('\n'), l => l.StartsWith("dataset: no drift (forged)", StringComparison.Ordinal));
        Assert.Contains(@"\u001B[2K\rdataset: no drift (forged)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TerminalWriter_EscapesEveryOverload_AndOnlyWriteLineEndsALine()
    {
        var inner = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var w = new TerminalWriter(inner);
        w.Write(Hostile);
        w.Write(Hostile.AsSpan());
        w.Write(Hostile.ToCharArray());
        w.Write(Hostile.ToCharArray(), 0, Hostile.Length);
        w.Write('\u001b');
        w.Write("{0}", Hostile);
        w.Write(new StringBuilder(Hostile));
        w.WriteLine(Hostile);
        w.WriteLine(Hostile.AsSpan());
        w.WriteLine(Hostile.ToCharArray());
        w.WriteLine(Hostile.ToCharArray(), 0, Hostile.Length);
        w.WriteLine('\u001b');
        w.WriteLine("{0}{1}", Hostile, Hostile);
        w.WriteLine(new StringBuilder(Hostile));
        w.WriteLine((object)Hostile);
        w.WriteLine();
        w.Flush();

        string text = inner.ToString();
        Assert.Equal(9, text.Count(c => c == '\n'));
        Assert.DoesNotContain(text, c => c != '\n' && TerminalText.IsControl(c));
    }

    [Theory]
    [InlineData("plain text, ünïcödé, 日本語", "plain text, ünïcödé, 日本語")]
    [InlineData("a\tb\r\nc", @"a\tb\r\nc")]
    [InlineData("\u001b[31m\u009b\u007f\0", @"\u001B[31m\u009B\u007F\u0000")]
    [InlineData("\u202edrift\u202c\u2066\u2028", @"\u202Edrift\u202C\u2066\u2028")]
    public void Escape_ShowsControlCharactersVisibly(string text, string expected)
    {
        Assert.Equal(expected, TerminalText.Escape(text));
        Assert.Equal(expected, TerminalText.Escape(TerminalText.Escape(text)));
    }

    private CliResult Run(string position)
    {
        string clean = SyntheticCsv.Text(300, 0, 1);
        string hostileHeader = WithColumnName(clean, Hostile);
        string fileName = Hostile.Replace("\0", string.Empty, StringComparison.Ordinal);
        switch (position)
        {
            case "column name: compare table":
                return Tool.Run("compare", "-r", _temp.Write("r.csv", hostileHeader), "-c", _temp.Write("c.csv", hostileHeader));
            case "column name: compare json":
                return Tool.Run("compare", "-r", _temp.Write("r.csv", hostileHeader), "-c", _temp.Write("c.csv", hostileHeader), "-f", "json");
            case "column name: profile notes":
                return Tool.Run("profile", _temp.Write("r.csv", hostileHeader), "-o", _temp.File("r.mwp"));
            case "column name: identifier note":
                return Tool.Run("profile", _temp.Write("r.csv", $"\"{Hostile}\",y\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"id{i},{i}\n"))), "-o", _temp.File("r.mwp"));
            case "column name: reference without values":
                return Tool.Run("compare", "-r", _temp.Write("r.csv", $"\"{Hostile}\",y\n,1\n,2\n"), "-c", _temp.Write("c.csv", $"\"{Hostile}\",y\n1,1\n2,2\n"), "--numeric", Hostile);
            case "category: malformed row":
                return Tool.Run("profile", _temp.Write("r.csv", clean + $"\"{Hostile}\",1,a\n"), "-o", _temp.File("r.mwp"), "--numeric", "x");
            case "category: skipped rows":
                return Tool.Run("profile", _temp.Write("r.csv", clean + $"\"{Hostile}\",1,a\n"), "-o", _temp.File("r.mwp"), "--numeric", "x", "--skip-bad-rows");
            case "file name: compare table":
                return Tool.Run("compare", "-r", _temp.Write(fileName + ".csv", clean), "-c", _temp.Write(fileName + ".csv", clean), "--min-rows", "0");
            case "file name: no verdict":
                return Tool.Run("compare", "-r", _temp.Write(fileName + ".csv", clean), "-c", _temp.Write("header" + fileName + ".csv", SyntheticCsv.Header + "\n"), "--fail-on-drift");
            case "file name: missing":
                return Tool.Run("compare", "-r", _temp.File(fileName + ".csv"), "-c", _temp.File(fileName + ".mwp"));
            case "file name: merge":
                return Tool.Run("merge", _temp.File(fileName + ".csv"), "-o", _temp.File("m.mwp"));
            case "option value: --ignore":
                return Tool.Run("profile", _temp.Write("r.csv", clean), "-o", _temp.File("r.mwp"), "--ignore", Hostile);
            case "option value: unknown argument":
                return Tool.Run("profile", _temp.Write("r.csv", clean), "-o", _temp.File("r.mwp"), Hostile);
            default:
                throw new ArgumentOutOfRangeException(nameof(position), position, null);
        }
    }

    private static string WithColumnName(string csv, string name) => $"\"{name}\"" + csv[csv.IndexOf(',', StringComparison.Ordinal)..];
}

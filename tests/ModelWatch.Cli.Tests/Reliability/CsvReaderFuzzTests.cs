using System.Text;
using ModelWatch.Cli.Csv;
using ModelWatch.Cli.Tests.TestSupport;
using ModelWatch.Profiles;
using ModelWatch.Tests.Reliability;
using Xunit.Abstractions;

namespace ModelWatch.Cli.Tests.Reliability;

/// <summary>
/// Fuzzing the CSV reader behind <c>modelwatch profile</c> and <c>compare</c> (<see cref="CsvProfiler.Read"/>):
/// every mutant of a real CSV file is read stopping at malformed rows, and again with
/// <c>--skip-bad-rows</c> when that read stopped at a line (and for every fourth mutant anyway). It must
/// fail only with <see cref="CliException"/> (a malformed row naming its line), and the two modes must
/// agree: the line that stops the first is the first line the second skips, and a file the first reads
/// whole gives the second the same profile, which saves and loads. None may hang or allocate without
/// bound. MODELWATCH_FUZZ_INPUTS sets the count.
/// </summary>
public sealed class CsvReaderFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const ulong Seed = 20261128;

    /// <summary>
    /// docs/cli.md: memory is Sep's buffers plus per column a batch of 4,096 doubles (32 KB) and about 50 KB
    /// of sketch, and while a kind is undecided both a numeric and a categorical accumulator. 256 KB per
    /// header column covers that twice over.
    /// </summary>
    private const long PerColumnBytes = 256 << 10;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Read_MutatedCsv_FailsNamingTheLineOrSkipsAndCountsTheSameRows()
    {
        var seeds = CsvSeeds();

        // Every input goes to a file, as the tool reads files.
        string path = _temp.File("fuzz.csv");
        new FuzzHarness("CSV reader", Seed, output).Run(
            FuzzHarness.InputCount,
            i => new Mutator(unchecked(Seed + ((ulong)i * 0x9E3779B97F4A7C15UL)), MutationFormat.Csv).Mutate(seeds),
            (i, input) =>
            {
                File.WriteAllBytes(path, input);

                // The tool reads on two threads when it can; a quarter of the strict reads take that path.
                var strict = Read(path, new CsvReadOptions { Pipelined = i % 4 == 0 });

                // Reading costs a few milliseconds whatever the size (the reader's 1 MB buffers), so the checks that need
                // a second read or a serialization run on every fourth input unless the strict read stopped at a line.
                bool full = i % 4 == 0;
                if (strict.Result is not null && !full)
                {
                    return "read (not cross-checked)";
                }

                var skip = Read(path, new CsvReadOptions { SkipBadRows = true, Pipelined = false });
                return FuzzHarness.Uncounted(() => Compare(path, strict, skip, full));
            },
            input => (64L * input.Length) + (16L << 20) + (PerColumnBytes * HeaderColumns(input)));
    }

    /// <summary>Checks that the two modes agree and names the pair of outcomes.</summary>
    private static string Compare(string path, Outcome strict, Outcome skip, bool full)
    {
        string linePrefix = path + ", line ";
        if (strict.Result is { } whole)
        {
            // Nothing malformed: skipping changes nothing.
            var skipped = Assert.IsType<CsvProfileResult>(skip.Result);
            Assert.Equal(0, whole.BadRowCount);
            Assert.Equal(0, skipped.BadRowCount);
            Assert.Equal(Serialize(whole.Profile), Serialize(skipped.Profile));
            return "read | read" + CheckRoundTrip(whole.Profile);
        }

        if (strict.Error is CliException error && error.Message.StartsWith(linePrefix, StringComparison.Ordinal))
        {
            // A malformed row stops the strict read at its line; the skipping read skips that line first and goes on.
            long line = long.Parse(error.Message.AsSpan(linePrefix.Length, error.Message.IndexOf(':', linePrefix.Length) - linePrefix.Length), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains("--skip-bad-rows", error.Message, StringComparison.Ordinal);
            var skipped = skip.Result ?? throw new InvalidOperationException($"the strict read stopped at line {line}, and the skipping read failed too: {skip.Error}", skip.Error);
            Assert.True(skipped.BadRowCount > 0, "the skipping read skipped nothing");
            Assert.Equal(line, skipped.FirstBadRows[0].Line);
            return "malformed row, line named | rows skipped and counted" + (full ? CheckRoundTrip(skipped.Profile) : string.Empty);
        }

        // Anything else is about the whole file (empty, a repeated header name): both modes refuse it alike.
        Assert.NotNull(strict.Error);
        Assert.Equal(strict.Error.GetType(), skip.Error?.GetType());
        Assert.Equal(strict.Error.Message, skip.Error?.Message);
        if (strict.Error is CliException)
        {
            Assert.StartsWith(path + ":", strict.Error.Message, StringComparison.Ordinal);
        }

        return $"{strict.Error.GetType().Name} (file) | same";
    }

    /// <summary>
    /// Reads a file. CliException is CsvProfiler's documented failure; IOException, InvalidDataException
    /// and DecoderFallbackException are what the tool's caller (Sources.ProfileCsv) turns into one. Any other
    /// exception escapes and fails the input.
    /// </summary>
    private static Outcome Read(string path, CsvReadOptions options)
    {
        try
        {
            using var input = CsvInput.Open(path);
            return new Outcome(CsvProfiler.Read(input, options), null);
        }
        catch (Exception ex) when (ex is CliException or IOException or InvalidDataException or DecoderFallbackException)
        {
            return new Outcome(null, ex);
        }
    }

    /// <summary>A profile read from CSV must save and load like any other, byte for byte.</summary>
    private static string CheckRoundTrip(Profile profile)
    {
        byte[] once = Serialize(profile);
        Assert.Equal(once, Serialize(ProfileFile.Read(new MemoryStream(once), "csv.mwp")));
        return string.Empty;
    }

    private static byte[] Serialize(Profile profile)
    {
        using var stream = new MemoryStream();
        ProfileFile.Write(profile, stream);
        return stream.ToArray();
    }

    /// <summary>The header's field count as RFC 4180 splits it (separators outside quotes up to the first line break outside quotes).</summary>
    private static long HeaderColumns(byte[] input)
    {
        long columns = 1;
        bool quoted = false;
        foreach (byte b in input)
        {
            if (b == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (!quoted && b is (byte)'\n' or (byte)'\r')
            {
                break;
            }
            else if (!quoted && b == (byte)',')
            {
                columns++;
            }
        }

        return columns;
    }

    /// <summary>The committed data files (parts of them, to keep the run short) and small files for the quoting and missing-value rules.</summary>
    private static List<byte[]> CsvSeeds()
    {
        string seattle = File.ReadAllText(TestData.PathOf(TestData.Seattle), Encoding.UTF8);
        string macro = File.ReadAllText(TestData.PathOf(TestData.Macro), Encoding.UTF8);
        string[] texts =
        [
            string.Join('\n', seattle.Split('\n').Take(200)) + "\n",
            string.Join('\n', macro.Split('\n').Take(120)) + "\n",
            "id,label,amount\n1,\"a,b\",1.5\n2,\"say \"\"hi\"\"\",\"2.5\"\n3,\"two\nlines\",3.5\n4,plain,4.5\n",
            "x,c,y\r\n1,a,1e3\r\n\r\n,b,-2.5E-3\r\n3,,NaN\r\n , ,inf\r\n-Infinity,a, 7 \r\n",
            "\uFEFFzip,code,,value\n01234,A1,x,0.5\n98765,B2,y,1.5\n00042,A1,,2.5\n",
            "prediction,score,plan\n0.1,12,basic\n0.9,,pro\n0.4,7,\n",
        ];
        return [.. texts.Select(Encoding.UTF8.GetBytes)];
    }

    private sealed record Outcome(CsvProfileResult? Result, Exception? Error);
}

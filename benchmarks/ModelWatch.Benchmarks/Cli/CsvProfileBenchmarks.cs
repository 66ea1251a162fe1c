using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ModelWatch.Cli.Csv;
using ModelWatch.Statistics;
using nietras.SeparatedValues;

namespace ModelWatch.Benchmarks.Cli;

/// <summary>
/// <c>modelwatch profile</c> on a CSV file of 10^6 rows × 10 doubles written with 17 significant
/// digits (~190 MB, generated in a temporary folder, never committed). Times are per row
/// (OperationsPerInvoke), so rows/s = 10^9 / Mean. The other methods split the cost: Sep's row
/// splitting alone, splitting plus number parsing, and the statistics alone.
/// </summary>
/// <remarks>The target: ≥ 1.25 million rows/s (≤ 800 ns per row) on the 2-core reference machine.</remarks>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CsvProfileBenchmarks
{
    private const int Rows = 1_000_000;
    private const int Columns = 10;
    private string _folder = string.Empty;
    private string _path = string.Empty;
    private double[] _values = [];

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "modelwatch-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _path = Path.Combine(_folder, "rows.csv");
        ulong state = 0x5EED;
        using (var writer = new StreamWriter(_path, append: false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write(string.Join(',', Enumerable.Range(0, Columns).Select(c => $"c{c}")));
            writer.Write('\n');
            for (int r = 0; r < Rows; r++)
            {
                for (int c = 0; c < Columns; c++)
                {
                    // Different scales per column: 17 significant digits whatever the magnitude.
                    double u = (Next(ref state) >> 11) * (1.0 / (1UL << 53));
                    double value = ((u - 0.5) * Math.Pow(10, (c % 5) - 1)) + (c * 3);
                    if (c > 0)
                    {
                        writer.Write(',');
                    }

                    writer.Write(value.ToString("G17", CultureInfo.InvariantCulture));
                }

                writer.Write('\n');
            }
        }

        _values = new double[Rows];
        state = 1;
        for (int i = 0; i < Rows; i++)
        {
            _values[i] = (Next(ref state) >> 11) * (1.0 / (1UL << 53));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>The whole profile command's work: read, split, parse, profile on two stripes, merge.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public long Profile() => Read(pipelined: true);

    /// <summary>The same on one thread (stripes processed inline): what a single core gives.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long ProfileOneThread() => Read(pipelined: false);

    /// <summary>Sep splitting rows and columns, touching every cell.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public long SepSplitOnly()
    {
        long length = 0;
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(_path);
        foreach (var row in reader)
        {
            for (int c = 0; c < Columns; c++)
            {
                length += row[c].Span.Length;
            }
        }

        return length;
    }

    /// <summary>Sep splitting plus parsing every cell as a number (csFastFloat).</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public double SepSplitAndParse()
    {
        double sum = 0;
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(_path);
        foreach (var row in reader)
        {
            for (int c = 0; c < Columns; c++)
            {
                if (NumberParser.TryParse(row[c].Span, out double v))
                {
                    sum += v;
                }
            }
        }

        return sum;
    }

    /// <summary>Moments and a quantile sketch for 10 columns of 10^6 values (the statistics' share of a row).</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public double StatisticsOnly()
    {
        double total = 0;
        for (int c = 0; c < Columns; c++)
        {
            var moments = new Moments();
            var sketch = new QuantileSketch();
            moments.Add(_values);
            sketch.Add(_values);
            total += moments.Mean + sketch.Count;
        }

        return total;
    }

    private long Read(bool pipelined)
    {
        using var input = CsvInput.Open(_path);
        var result = CsvProfiler.Read(input, new CsvReadOptions { Pipelined = pipelined });
        return result.Profile.Rows;
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

using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Reliability;

/// <summary>
/// Runs a reader over many mutated inputs, each under a watchdog, and tallies what happened: the
/// outcome per input, the allocation per input against a bound, the slowest input. Contract
/// violations are collected (the first few with their stack tops) so one run shows them all.
/// </summary>
/// <remarks>The command-line tool's tests compile this file too (a linked item).</remarks>
internal sealed class FuzzHarness(string reader, ulong seed, ITestOutputHelper output)
{
    /// <summary>How long one input may take before it counts as a hang: far above any real read of a small input.</summary>
    public static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(10);

    [ThreadStatic]
    private static long _uncounted;

    private readonly SortedDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private int _violationCount;

    /// <summary>Inputs per reader: <c>MODELWATCH_FUZZ_INPUTS</c>, 10,000 by default (CI); the documented full run uses 100,000.</summary>
    public static int InputCount =>
        int.TryParse(Environment.GetEnvironmentVariable("MODELWATCH_FUZZ_INPUTS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 10_000;

    /// <summary>
    /// Feeds <paramref name="count"/> inputs to <paramref name="read"/>, which returns the outcome's
    /// name (an accepted exception type, or a success) and throws for a contract violation.
    /// </summary>
    /// <param name="count">The number of inputs.</param>
    /// <param name="next">Makes input <c>i</c> (called in order, on the test's thread).</param>
    /// <param name="read">Reads one input; runs on a worker thread under the watchdog.</param>
    /// <param name="allowance">The most bytes reading an input may allocate.</param>
    public void Run(int count, Func<int, byte[]> next, Func<int, byte[], string> read, Func<byte[], long> allowance)
    {
        long worstRatioBytes = 0, worstBytes = 0;
        double worstRatio = 0;
        int worstRatioIndex = -1, worstBytesIndex = -1, worstRatioSize = 0, worstBytesSize = 0;
        double slowestMs = 0;
        int slowestIndex = -1, slowestSize = 0;
        long totalBytes = 0;
        var overBound = new List<string>();
        // MODELWATCH_FUZZ_ONLY=12,345 reruns just those inputs: each input's mutations depend on its index alone.
        int[] indices = Environment.GetEnvironmentVariable("MODELWATCH_FUZZ_ONLY") is { Length: > 0 } only
            ? [.. only.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))]
            : [.. Enumerable.Range(0, count)];
        count = indices.Length;
        var clock = Stopwatch.StartNew();
        foreach (int i in indices)
        {
            byte[] input = next(i);
            int index = i;
            var task = Task.Factory.StartNew(
                () =>
                {
                    long start = Stopwatch.GetTimestamp();
                    _uncounted = 0;
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    string outcome;
                    try
                    {
                        outcome = read(index, input);
                    }
                    catch (Exception ex)
                    {
                        outcome = "VIOLATION " + ex.GetType().Name;
                        Violation(index, input, ex);
                    }

                    return (Outcome: outcome, Bytes: GC.GetAllocatedBytesForCurrentThread() - before - _uncounted, Elapsed: Stopwatch.GetElapsedTime(start));
                },
                CancellationToken.None,
                TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default);

            // A hung read cannot be stopped; the test fails at once, naming what reproduces it.
            if (!task.Wait(Watchdog))
            {
                Assert.Fail($"{reader}: input {i} (seed {seed}, {input.Length:N0} bytes) did not finish within {Watchdog.TotalSeconds} s: a hang. Starts with: {Preview(input)}");
            }

            var (outcomeName, bytes, elapsed) = task.Result;
            _outcomes[outcomeName] = _outcomes.GetValueOrDefault(outcomeName) + 1;
            totalBytes += bytes;
            double ratio = (double)bytes / Math.Max(1, input.Length);
            if (ratio > worstRatio)
            {
                (worstRatio, worstRatioBytes, worstRatioIndex, worstRatioSize) = (ratio, bytes, i, input.Length);
            }

            if (bytes > worstBytes)
            {
                (worstBytes, worstBytesIndex, worstBytesSize) = (bytes, i, input.Length);
            }

            if (elapsed.TotalMilliseconds > slowestMs)
            {
                (slowestMs, slowestIndex, slowestSize) = (elapsed.TotalMilliseconds, i, input.Length);
            }

            long bound = allowance(input);
            if (bytes > bound && overBound.Count < 5)
            {
                overBound.Add($"input {i} ({input.Length:N0} bytes, outcome {outcomeName}) allocated {bytes:N0} bytes, bound {bound:N0}; starts with: {Preview(input)}");
            }
        }

        clock.Stop();
        output.WriteLine($"{reader}: {count:N0} inputs (seed {seed}) in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (name, n) in _outcomes)
        {
            output.WriteLine($"  {name,-40} {n,8:N0}");
        }

        output.WriteLine($"  allocated in total {totalBytes / 1e6:N1} MB; the most by one input {worstBytes:N0} bytes (input {worstBytesIndex}, {worstBytesSize:N0} bytes)");
        output.WriteLine($"  the highest allocation per input byte {worstRatio:N1} (input {worstRatioIndex}: {worstRatioBytes:N0} bytes allocated for {worstRatioSize:N0} bytes)");
        output.WriteLine($"  the slowest input {slowestMs:N1} ms (input {slowestIndex}, {slowestSize:N0} bytes)");

        if (_violationCount > 0)
        {
            Assert.Fail($"{reader}: {_violationCount} of {count} inputs broke the contract (seed {seed}); the first ones:{Environment.NewLine}{string.Join(Environment.NewLine, _violations)}");
        }

        Assert.True(overBound.Count == 0, $"{reader}: inputs allocated more than the bound (seed {seed}):{Environment.NewLine}{string.Join(Environment.NewLine, overBound)}");
    }

    /// <summary>
    /// Runs a check of the reader's result (serializing it, reading it back) without counting what the check
    /// allocates: the bound is about the reader, and the checks' own copies would blur it.
    /// </summary>
    public static T Uncounted<T>(Func<T> check)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            return check();
        }
        finally
        {
            _uncounted += GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    /// <summary>The first bytes of an input, printable, for failure messages.</summary>
    public static string Preview(byte[] input) =>
        string.Concat(input.Take(80).Select(b => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}"));

    private void Violation(int index, byte[] input, Exception ex)
    {
        lock (_violations)
        {
            _violationCount++;

            // MODELWATCH_FUZZ_DUMP names a folder for the inputs that broke the contract, to turn into regression tests.
            if (Environment.GetEnvironmentVariable("MODELWATCH_FUZZ_DUMP") is { Length: > 0 } dump)
            {
                Directory.CreateDirectory(dump);
                File.WriteAllBytes(Path.Combine(dump, $"{reader.Replace(' ', '-')}-{seed}-{index}.bin"), input);
            }
            if (_violations.Count < 5)
            {
                string stackTop = string.Join(" <- ", (ex.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(4));
                _violations.Add($"input {index} ({input.Length:N0} bytes): {ex.GetType().FullName}: {ex.Message}{Environment.NewLine}    at {stackTop}{Environment.NewLine}    input starts with: {Preview(input)}");
            }
        }
    }
}

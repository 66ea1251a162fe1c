using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace ModelWatch.Cli.Tests.TestSupport;

/// <summary>The result of one in-process run of the tool.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the tool in process, as <c>modelwatch args…</c>, with a fixed clock so outputs are reproducible.</summary>
internal static class Tool
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(args, stdout, stderr, new FakeTimeProvider(Now));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs and asserts the exit code, showing the whole output when it differs.</summary>
    public static CliResult Expect(int exitCode, params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}: modelwatch {string.Join(' ', args)}\n{result}");
        return result;
    }
}

using System.Globalization;
using ModelWatch.Monitoring;

namespace ModelWatch.Cli;

/// <summary>
/// The deployment gate of <c>compare</c> and <c>report</c>: what a comparison decides and which exit
/// code that is. It fails closed: with <c>--fail-on-drift</c>, a comparison it cannot trust — either
/// data set with fewer rows than <see cref="MinRows"/>, or no feature evaluated — is an error (exit 2),
/// never a pass, unless <see cref="AllowNoVerdict"/> accepts it explicitly.
/// </summary>
internal sealed record DriftGate
{
    /// <summary>The default minimum of rows on each side: below it the detectors' verdicts say little.</summary>
    public const int DefaultMinRows = 100;

    /// <summary>Gets the fewest rows each data set must have for a verdict.</summary>
    public int MinRows { get; init; } = DefaultMinRows;

    /// <summary>Gets a value indicating whether a dataset drift exits with <see cref="ExitCodes.Drift"/>.</summary>
    public bool FailOnDrift { get; init; }

    /// <summary>Gets a value indicating whether a comparison without a verdict passes <c>--fail-on-drift</c> (exit 0).</summary>
    public bool AllowNoVerdict { get; init; }

    /// <summary>The verdict of a comparison of <paramref name="reference"/> and <paramref name="current"/> (with the rows each had).</summary>
    public GateVerdict Decide(DriftReport report, (string Name, long Rows) reference, (string Name, long Rows) current)
    {
        ArgumentNullException.ThrowIfNull(report);
        var tooFew = new List<string>(2);
        if (reference.Rows < MinRows)
        {
            tooFew.Add($"the reference ({reference.Name}) has {Count(reference.Rows)}");
        }

        if (current.Rows < MinRows)
        {
            tooFew.Add($"the current data set ({current.Name}) has {Count(current.Rows)}");
        }

        string? noVerdict =
            tooFew.Count > 0 ? $"{string.Join(" and ", tooFew)} rows, fewer than --min-rows ({Count(MinRows)})"
            : report.Dataset is null ? "no feature could be evaluated"
            : null;
        return new GateVerdict
        {
            Report = report,
            ReferenceRows = reference.Rows,
            CurrentRows = current.Rows,
            NoVerdictReason = noVerdict,
        };
    }

    /// <summary>The exit code of a verdict.</summary>
    /// <exception cref="CliException">The comparison has no verdict and <c>--fail-on-drift</c> does not accept that.</exception>
    public int ExitCode(GateVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.NoVerdictReason is { } reason)
        {
            return FailOnDrift && !AllowNoVerdict
                ? throw new CliException($"no verdict: {reason}. --fail-on-drift fails when the comparison cannot decide (exit 2): check the input, or accept it with --allow-no-verdict.")
                : ExitCodes.Success;
        }

        return FailOnDrift && verdict.Report.IsDrift ? ExitCodes.Drift : ExitCodes.Success;
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

using System.Globalization;
using ModelWatch.Cli.Output;

namespace ModelWatch.Cli;

/// <summary>
/// Progress of a long read on standard error: nothing for the first two seconds, then a line per
/// second (rewritten in place on a terminal), then the total.
/// </summary>
internal sealed class ProgressReporter(TerminalWriter stderr, string source, bool interactive, TimeProvider time)
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private readonly long _start = time.GetTimestamp();
    private TimeSpan _next = First;
    private bool _shown;

    /// <summary>Gets the time since the reporter was made.</summary>
    public TimeSpan Elapsed => time.GetElapsedTime(_start);

    /// <summary>Reports the rows read so far, at most once a second.</summary>
    public void Tick(long rows, double? fraction)
    {
        var elapsed = Elapsed;
        if (elapsed < _next)
        {
            return;
        }

        _next = elapsed + Every;
        _shown = true;
        string percent = fraction is { } f ? string.Create(CultureInfo.InvariantCulture, $" ({f:P0})") : string.Empty;
        string text = string.Create(CultureInfo.InvariantCulture, $"{source}: {rows:N0} rows{percent}, {rows / elapsed.TotalSeconds:N0} rows/s");
        if (interactive)
        {
            stderr.ReturnToLineStart();
            stderr.Write(TerminalText.Escape(text).PadRight(72));
        }
        else
        {
            stderr.WriteLine(text);
        }
    }

    /// <summary>Reports the fraction of an input read so far, at most once a second (a Parquet file is read column chunk by column chunk, not row by row).</summary>
    public void Tick(double fraction)
    {
        var elapsed = Elapsed;
        if (elapsed < _next)
        {
            return;
        }

        _next = elapsed + Every;
        _shown = true;
        string text = string.Create(CultureInfo.InvariantCulture, $"{source}: {fraction:P0} read");
        if (interactive)
        {
            stderr.ReturnToLineStart();
            stderr.Write(TerminalText.Escape(text).PadRight(72));
        }
        else
        {
            stderr.WriteLine(text);
        }
    }

    /// <summary>Ends the in-place line, if one was shown.</summary>
    public void Done()
    {
        if (_shown && interactive)
        {
            stderr.WriteLine();
        }
    }
}

using System.Globalization;

namespace ModelWatch.Demo;

/// <summary>
/// Standard output with optional ANSI colours, and a progress bar on standard error that is drawn
/// only on a terminal (a redirected standard error gets a plain line per replayed year instead, so
/// logs stay readable).
/// </summary>
internal sealed class ConsoleView(bool color)
{
    private const int BarWidth = 30;
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private bool _barShown;
    private int _lastYear;

    /// <summary>Writes a line to standard output, first taking the progress bar off the screen.</summary>
    public void Line(string text = "")
    {
        ClearBar();
        Console.Out.WriteLine(text);
    }

    /// <summary>Writes a formattable line with the invariant culture.</summary>
    public void Line(FormattableString text) => Line(text.ToString(CultureInfo.InvariantCulture));

    public string Red(string text) => Paint(text, "31;1");

    public string Green(string text) => Paint(text, "32");

    public string Yellow(string text) => Paint(text, "33;1");

    public string Bold(string text) => Paint(text, "1");

    public string Dim(string text) => Paint(text, "2");

    /// <summary>Shows how far the replay is.</summary>
    /// <param name="done">Days replayed.</param>
    /// <param name="total">Days in all.</param>
    /// <param name="date">The last replayed day.</param>
    public void Progress(int done, int total, DateOnly date)
    {
        if (_interactive)
        {
            int filled = (int)((long)BarWidth * done / total);
            Console.Error.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {date:yyyy-MM-dd}  {done,4}/{total} days"));
            _barShown = true;
        }
        else if (date.Year != _lastYear && (date.Month == 12 && date.Day == 31 || done == total))
        {
            _lastYear = date.Year;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replayed {date.Year} ({done}/{total} days)"));
        }
    }

    /// <summary>Takes the progress bar off the screen (before other output, and at the end).</summary>
    public void ClearBar()
    {
        if (_barShown)
        {
            Console.Error.Write("\r" + new string(' ', BarWidth + 32) + "\r");
            _barShown = false;
        }
    }

    private string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}

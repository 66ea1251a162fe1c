namespace ModelWatch.Demo;

/// <summary>The demo's command-line options, parsed and checked.</summary>
/// <param name="Shifts">Synthetic shifts to add to the inputs (none by default).</param>
/// <param name="ShiftFrom">The first day the shifts apply to.</param>
/// <param name="Seed">The seed of the shifts' noise.</param>
/// <param name="DaysPerSecond">Replay pace in days of data per second of wall time; null for as fast as possible.</param>
/// <param name="OutputDirectory">Where the HTML report goes.</param>
/// <param name="Color">Whether standard output gets ANSI colours.</param>
internal sealed record DemoSettings(
    IReadOnlyList<FeatureShift> Shifts,
    DateOnly ShiftFrom,
    int Seed,
    double? DaysPerSecond,
    string OutputDirectory,
    bool Color)
{
    /// <summary>The default first day of a shift: the start of the third year, when nothing else changes abruptly.</summary>
    public static readonly DateOnly DefaultShiftFrom = new(2014, 1, 1);

    /// <summary>The default seed.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Gets the default output folder: <c>modelwatch-demo</c> under the system's temporary folder.</summary>
    public static string DefaultOutputDirectory => Path.Combine(Path.GetTempPath(), "modelwatch-demo");
}

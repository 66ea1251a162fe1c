using System.Globalization;
using System.Security.Cryptography;

namespace ModelWatch.Samples;

/// <summary>
/// One day of Seattle's daily weather, 2012-2015: a row of <c>Data/seattle_weather.csv</c> (see
/// Data/README.md for its source, license and the label drift it contains).
/// </summary>
public sealed record WeatherDay
{
    /// <summary>The numeric columns, in the order of <see cref="Features"/>: the models' inputs and the monitors' schema.</summary>
    public static readonly string[] FeatureNames = ["precipitation", "temp_max", "temp_min", "wind"];

    /// <summary>The labels, in class-index order (the index is what a monitor records as the prediction).</summary>
    public static readonly string[] Classes = ["drizzle", "fog", "rain", "snow", "sun"];

    /// <summary>Where the data comes from, in one line.</summary>
    public const string Provenance =
        "Seattle daily weather 2012-2015: NOAA data, public domain, as shipped in Debian's python3-vega-datasets (seattle-weather.csv)";

    /// <summary>SHA-256 of the committed file, as in Data/README.md.</summary>
    public const string Sha256 = "62f0609f787158128aa2bd102967173a4953122dd4f872bf1d502cae1037df0b";

    private const string Header = "date,precipitation,temp_max,temp_min,wind,weather";

    /// <summary>Gets the day of the observation.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Gets the precipitation.</summary>
    public required double Precipitation { get; init; }

    /// <summary>Gets the daily maximum temperature (°C).</summary>
    public required double TempMax { get; init; }

    /// <summary>Gets the daily minimum temperature (°C).</summary>
    public required double TempMin { get; init; }

    /// <summary>Gets the wind speed.</summary>
    public required double Wind { get; init; }

    /// <summary>Gets the recorded label: drizzle, fog, rain, snow or sun.</summary>
    public required string Weather { get; init; }

    /// <summary>Gets the numeric columns in <see cref="FeatureNames"/> order (a new array on each call).</summary>
    public double[] Features => [Precipitation, TempMax, TempMin, Wind];

    /// <summary>Gets the class index of <see cref="Weather"/> in <see cref="Classes"/>.</summary>
    public int Label => Array.IndexOf(Classes, Weather);

    /// <summary>
    /// Gets the path of the committed file: <c>Data/seattle_weather.csv</c> beside this assembly, where
    /// the build copies it for every project that references this one.
    /// </summary>
    public static string DataPath =>
        Path.Combine(Path.GetDirectoryName(typeof(WeatherDay).Assembly.Location) is { Length: > 0 } folder ? folder : AppContext.BaseDirectory, "Data", "seattle_weather.csv");

    /// <summary>Reads the committed file (<see cref="DataPath"/>) after checking that its bytes are unchanged.</summary>
    /// <returns>The days, in file (date) order.</returns>
    /// <exception cref="InvalidDataException">The file is not the committed copy.</exception>
    public static IReadOnlyList<WeatherDay> Load()
    {
        // Tests assert exact counts and the READMEs quote numbers from this file: a re-saved or
        // line-ending-converted copy must fail here with a clear message rather than as a puzzling
        // difference later.
        string path = DataPath;
        string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        if (actual != Sha256)
        {
            throw new InvalidDataException($"{path} has SHA-256 {actual}, expected {Sha256}; the data file must be an unchanged copy.");
        }

        return Load(path);
    }

    /// <summary>Reads a file in the format of the Seattle weather file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The days, in file (date) order.</returns>
    /// <exception cref="InvalidDataException">The file is not the expected CSV.</exception>
    public static IReadOnlyList<WeatherDay> Load(string path)
    {
        var days = new List<WeatherDay>();
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (line == 1)
            {
                if (text != Header)
                {
                    throw new InvalidDataException($"{path}: expected the header \"{Header}\".");
                }

                continue;
            }

            string[] f = text.Split(',');
            if (f.Length != 6 || Array.IndexOf(Classes, f[5]) < 0
                || !DateOnly.TryParseExact(f[0], "yyyy/MM/dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new InvalidDataException($"{path}, line {line}: not a row of the Seattle weather file.");
            }

            days.Add(new WeatherDay
            {
                Date = date,
                Precipitation = Number(f[1], path, line),
                TempMax = Number(f[2], path, line),
                TempMin = Number(f[3], path, line),
                Wind = Number(f[4], path, line),
                Weather = f[5],
            });
        }

        if (line == 0)
        {
            throw new InvalidDataException($"{path}: expected the header \"{Header}\".");
        }

        return days;
    }

    private static double Number(string text, string path, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new InvalidDataException($"{path}, line {line}: '{text}' is not a number.");
}

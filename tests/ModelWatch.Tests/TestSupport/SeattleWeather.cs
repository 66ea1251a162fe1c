using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModelWatch.Tests.TestSupport;

/// <summary>One row of Data/seattle_weather.csv.</summary>
internal sealed record WeatherDay(DateOnly Date, double Precipitation, double TempMax, double TempMin, double Wind, string Weather);

/// <summary>
/// The Seattle daily weather data (Data/seattle_weather.csv, see Data/README.md for source,
/// license and the label drift it contains), loaded once per test run.
/// </summary>
internal static class SeattleWeather
{
    /// <summary>SHA-256 of the committed file, as in Data/README.md.</summary>
    public const string Sha256 = "62f0609f787158128aa2bd102967173a4953122dd4f872bf1d502cae1037df0b";

    public static readonly string[] FeatureNames = ["precipitation", "temp_max", "temp_min", "wind"];

    private const string Header = "date,precipitation,temp_max,temp_min,wind,weather";

    // Parsing is cheap but several tests share the data; Lazy also makes concurrent first use safe.
    private static readonly Lazy<IReadOnlyList<WeatherDay>> Days = new(Read);

    public static IReadOnlyList<WeatherDay> Load() => Days.Value;

    /// <summary>The numeric columns in <see cref="FeatureNames"/> order.</summary>
    public static double[] Features(WeatherDay d) => [d.Precipitation, d.TempMax, d.TempMin, d.Wind];

    private static List<WeatherDay> Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "seattle_weather.csv");
        byte[] bytes = File.ReadAllBytes(path);

        // Tests assert exact counts from this file; a re-saved or line-ending-converted copy must
        // fail here with a clear message rather than as a puzzling count mismatch later.
        string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != Sha256)
        {
            throw new InvalidOperationException(
                $"{path} has SHA-256 {actual}, expected {Sha256}; the data file must be an unchanged copy.");
        }

        string[] lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new InvalidOperationException($"{path}: unexpected header");
        }

        var days = new List<WeatherDay>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            string[] f = lines[i].Split(',');
            if (f.Length != 6)
            {
                throw new FormatException($"{path} line {i + 1}: expected 6 fields, found {f.Length}");
            }

            days.Add(new WeatherDay(
                DateOnly.ParseExact(f[0], "yyyy/MM/dd", CultureInfo.InvariantCulture),
                Number(f[1]),
                Number(f[2]),
                Number(f[3]),
                Number(f[4]),
                f[5]));
        }

        return days;
    }

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}

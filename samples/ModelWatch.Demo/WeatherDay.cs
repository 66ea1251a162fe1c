using System.Globalization;

namespace ModelWatch.Demo;

/// <summary>One day of Data/seattle_weather.csv.</summary>
/// <param name="Date">The day of the observation.</param>
/// <param name="Features">precipitation, temp_max, temp_min and wind, in <see cref="FeatureNames"/> order.</param>
/// <param name="Weather">The recorded label: drizzle, fog, rain, snow or sun.</param>
internal sealed record WeatherDay(DateOnly Date, double[] Features, string Weather)
{
    /// <summary>The model's inputs, in the order the schema declares them and the model reads them.</summary>
    public static readonly string[] FeatureNames = ["precipitation", "temp_max", "temp_min", "wind"];

    /// <summary>The classes, in class-index order (the index is what ModelWatch records as the prediction).</summary>
    public static readonly string[] Classes = ["drizzle", "fog", "rain", "snow", "sun"];

    /// <summary>Where the data comes from, printed once by the demo.</summary>
    public const string Provenance =
        "Seattle daily weather 2012-2015: NOAA data, public domain, as shipped in Debian's python3-vega-datasets (seattle-weather.csv)";

    private const string Header = "date,precipitation,temp_max,temp_min,wind,weather";

    /// <summary>Gets the class index of <see cref="Weather"/>.</summary>
    public int Label => Array.IndexOf(Classes, Weather);

    /// <summary>Reads the file; rows stay in file (date) order.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The days.</returns>
    /// <exception cref="InvalidDataException">The file is not the expected CSV.</exception>
    public static List<WeatherDay> Load(string path)
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

            days.Add(new WeatherDay(date, [Number(f[1], path, line), Number(f[2], path, line), Number(f[3], path, line), Number(f[4], path, line)], f[5]));
        }

        return days;
    }

    private static double Number(string text, string path, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new InvalidDataException($"{path}, line {line}: '{text}' is not a number.");
}

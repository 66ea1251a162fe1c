using System.Globalization;

namespace ModelWatch.QualitySample;

/// <summary>One row of Data/seattle_weather.csv.</summary>
/// <param name="Date">The day.</param>
/// <param name="Precipitation">Precipitation.</param>
/// <param name="TempMax">Daily maximum temperature (°C).</param>
/// <param name="TempMin">Daily minimum temperature (°C).</param>
/// <param name="Wind">Wind speed.</param>
/// <param name="Weather">The recorded label: drizzle, fog, rain, snow or sun.</param>
internal sealed record WeatherDay(DateOnly Date, double Precipitation, double TempMax, double TempMin, double Wind, string Weather)
{
    /// <summary>The model's inputs, in the order the schema declares them.</summary>
    public static readonly string[] FeatureNames = ["precipitation", "temp_max", "temp_min", "wind"];

    private const string Header = "date,precipitation,temp_max,temp_min,wind,weather";

    /// <summary>Gets the numeric features in <see cref="FeatureNames"/> order.</summary>
    public double[] Features => [Precipitation, TempMax, TempMin, Wind];

    /// <summary>Gets the label the classifier learns: 1 when the day was recorded as "rain".</summary>
    public int IsRain => Weather == "rain" ? 1 : 0;

    /// <summary>Reads the file, in its (date) order.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The days.</returns>
    public static List<WeatherDay> Load(string path)
    {
        var days = new List<WeatherDay>();
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext() || lines.Current != Header)
        {
            throw new InvalidDataException($"{path}: expected the header \"{Header}\".");
        }

        while (lines.MoveNext())
        {
            string[] f = lines.Current.Split(',');
            if (f.Length != 6)
            {
                throw new InvalidDataException($"{path}, line {days.Count + 2}: expected 6 fields, found {f.Length}.");
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

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
